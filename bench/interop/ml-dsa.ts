// The ML-DSA interop gate: for each parameter set, every implementation's token verified by
// every implementation (signer × verifier, with the signer's exported public AKP JWK), and
// every implementation's AKP JWKs imported by every other (public: imported and exported again
// unchanged; private: imported, signed with, and the token verified by the exporter). A real
// test of draft-ietf-cose-dilithium between independent implementations. A failure keeps what
// an upstream report needs: the inputs (throwaway keys made for this run), the output, the step.
import type { MlDsaAlgName } from '../../core/algorithms.js';
import { errorMessage } from '../../core/errors.js';
import { flipSignatureBit } from '../../core/jws.js';
import type { InteropImplName, Jwk, MlDsaImpl } from './ml-dsa-impls.js';

export const INTEROP_CHECKS = ['token', 'public-jwk', 'private-jwk'] as const;
export type InteropCheck = (typeof INTEROP_CHECKS)[number];

/** What each check's rows and columns are. */
export const CHECK_AXES: Readonly<Record<InteropCheck, { title: string; from: string; to: string }>> = {
  token: { title: 'tokens', from: 'signs (its own key, its public JWK)', to: 'verifies' },
  'public-jwk': { title: 'public AKP JWKs', from: 'exports', to: 'imports and exports again' },
  'private-jwk': { title: 'private AKP JWKs', from: 'exports', to: 'imports and signs; the exporter verifies' },
};

export interface InteropFailure {
  alg: MlDsaAlgName;
  check: InteropCheck;
  from: InteropImplName;
  to: InteropImplName;
  /** the call that failed, e.g. "jose verify" */
  step: string;
  /** what went wrong: an error message, verbatim, or what was returned against what was expected */
  output: string;
  /** what went in: the JWK (public; the private one for a private-jwk check: a throwaway key made for this run) and the token */
  input: { jwk?: Jwk; token?: string };
}

export interface InteropCell {
  from: InteropImplName;
  to: InteropImplName;
  ok: boolean;
}

export interface InteropMatrix {
  alg: MlDsaAlgName;
  check: InteropCheck;
  cells: InteropCell[];
}

export interface InteropResult {
  matrices: InteropMatrix[];
  failures: InteropFailure[];
  allGreen: boolean;
}

const PAYLOAD = { sub: 'ml-dsa-interop', iss: 'https://jwtbench.dev/interop' };

/** Runs a step; a throw or a wrong answer becomes a failure naming the step, never a crash. */
async function step<T>(name: string, call: () => Promise<T>, expect?: (value: T) => string | null): Promise<{ value: T } | { failed: string; step: string }> {
  try {
    const value = await call();
    const wrong = expect?.(value) ?? null;
    return wrong === null ? { value } : { failed: wrong, step: name };
  } catch (error) {
    return { failed: `threw: ${errorMessage(error)}`, step: name };
  }
}

const publicPart = (jwk: Jwk) => ({ kty: jwk.kty, alg: jwk.alg, pub: jwk.pub });

export async function runInterop(impls: readonly MlDsaImpl[], algs: readonly MlDsaAlgName[]): Promise<InteropResult> {
  const matrices: InteropMatrix[] = [];
  const failures: InteropFailure[] = [];
  for (const alg of algs) {
    // Each implementation's own key pair and token, made once per parameter set.
    const own = new Map<InteropImplName, { keys?: { privateJwk: Jwk; publicJwk: Jwk }; token?: string; failed?: InteropFailure }>();
    for (const impl of impls) {
      const keys = await step(`${impl.name} generate and export`, () => impl.generate(alg));
      if ('failed' in keys) { own.set(impl.name, { failed: { alg, check: 'token', from: impl.name, to: impl.name, step: keys.step, output: keys.failed, input: {} } }); continue; }
      const token = await step(`${impl.name} sign`, () => impl.sign(alg, keys.value.privateJwk, PAYLOAD));
      own.set(impl.name, 'failed' in token
        ? { keys: keys.value, failed: { alg, check: 'token', from: impl.name, to: impl.name, step: token.step, output: token.failed, input: { jwk: keys.value.privateJwk } } }
        : { keys: keys.value, token: token.value });
    }
    const cellsOf = async (check: InteropCheck, run: (from: MlDsaImpl, to: MlDsaImpl) => Promise<InteropFailure | null>): Promise<void> => {
      const cells: InteropCell[] = [];
      for (const from of impls) {
        for (const to of impls) {
          const mine = own.get(from.name)!;
          // The exporter could not make its keys (or its token): every cell from it fails with that reason.
          const failure = mine.keys === undefined || (check === 'token' && mine.token === undefined)
            ? { ...mine.failed!, check, to: to.name }
            : await run(from, to);
          if (failure !== null) failures.push(failure);
          cells.push({ from: from.name, to: to.name, ok: failure === null });
        }
      }
      matrices.push({ alg, check, cells });
    };
    await cellsOf('token', async (from, to) => {
      const { keys, token } = own.get(from.name)!;
      const fail = (r: { failed: string; step: string }, t = token!) => ({ alg, check: 'token' as const, from: from.name, to: to.name, step: r.step, output: r.failed, input: { jwk: keys!.publicJwk, token: t } });
      const good = await step(`${to.name} verify`, () => to.verify(alg, keys!.publicJwk, token!), (ok) => (ok ? null : 'returned false for a valid token'));
      if ('failed' in good) return fail(good);
      // A verifier that says yes to everything would pass the line above.
      const tampered = flipSignatureBit(token!);
      const bad = await step(`${to.name} verify (one signature bit flipped)`, () => to.verify(alg, keys!.publicJwk, tampered), (ok) => (ok ? 'returned true for a token whose signature has one bit flipped' : null));
      return 'failed' in bad ? fail(bad, tampered) : null;
    });
    await cellsOf('public-jwk', async (from, to) => {
      const { publicJwk } = own.get(from.name)!.keys!;
      const again = await step(`${to.name} import and export the public JWK`, () => to.reexportPublic(alg, publicJwk),
        (jwk) => (JSON.stringify(publicPart(jwk)) === JSON.stringify(publicPart(publicJwk)) ? null : `exported ${JSON.stringify(publicPart(jwk))} for the imported key`));
      return 'failed' in again ? { alg, check: 'public-jwk', from: from.name, to: to.name, step: again.step, output: again.failed, input: { jwk: publicJwk } } : null;
    });
    await cellsOf('private-jwk', async (from, to) => {
      const { privateJwk, publicJwk } = own.get(from.name)!.keys!;
      const signed = await step(`${to.name} import the private JWK and sign`, () => to.sign(alg, privateJwk, PAYLOAD));
      if ('failed' in signed) return { alg, check: 'private-jwk', from: from.name, to: to.name, step: signed.step, output: signed.failed, input: { jwk: privateJwk } };
      const verified = await step(`${from.name} verify (its own public key)`, () => from.verify(alg, publicJwk, signed.value), (ok) => (ok ? null : 'returned false'));
      return 'failed' in verified ? { alg, check: 'private-jwk', from: from.name, to: to.name, step: verified.step, output: verified.failed, input: { jwk: privateJwk, token: signed.value } } : null;
    });
  }
  return { matrices, failures, allGreen: failures.length === 0 };
}

/** The matrices as text: one grid per parameter set and check, ok or FAIL, then each failure in a line. */
export function renderInterop(result: InteropResult, impls: readonly InteropImplName[]): string {
  const width = Math.max(...impls.map((n) => n.length)) + 2;
  const lines: string[] = [];
  for (const m of result.matrices) {
    const axes = CHECK_AXES[m.check];
    lines.push(`${m.alg} ${axes.title}: row ${axes.from}, column ${axes.to}`);
    lines.push(`${''.padEnd(width)}${impls.map((n) => n.padEnd(width)).join('')}`.trimEnd());
    for (const from of impls) {
      lines.push(`${from.padEnd(width)}${impls.map((to) => (m.cells.find((c) => c.from === from && c.to === to)?.ok ? 'ok' : 'FAIL').padEnd(width)).join('')}`.trimEnd());
    }
    lines.push('');
  }
  const total = result.matrices.reduce((n, m) => n + m.cells.length, 0);
  lines.push(result.allGreen ? `all ${total} cells green` : `${result.failures.length} of ${total} cells failed:`);
  for (const f of result.failures) lines.push(`  ${f.alg} ${f.check} ${f.from} -> ${f.to}: ${f.step}: ${f.output}`);
  return lines.join('\n');
}
