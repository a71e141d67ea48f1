// One probe: gather the material, search the HMAC secret offline, start the attacker's key
// host, plan every attack (built, checked offline, or skipped with the reason), check the
// request budget, send the control request, then the attacks, one at a time, rate-bounded.
import { readFile } from 'node:fs/promises';
import { captureEnv } from '../../core/env.js';
import { JwtbenchError, badFlag, errorMessage } from '../../core/errors.js';
import { ALGORITHMS } from '../../core/algorithms.js';
import { PROBE_CATALOG, attackInfo, plan, type AttackSpec, type Planned, type ProbeMaterial } from './catalog.js';
import { startAttackerHost, type AttackerServer } from './attacker-host.js';
import { carry, describeLocation, type TokenLocation } from './location.js';
import { gatherMaterial, type MaterialOptions } from './material.js';
import { PROBE_SCHEMA_VERSION } from '../../core/results/kinds.js';
import type { AttackResult, ProbeDocument } from '../../core/results/probe.js';
import { Sender, type SendLimits } from './send.js';
import { builtInSecrets, crackHmacSecret } from './weak-secrets.js';

export interface ProbeOptions extends MaterialOptions, SendLimits {
  target: URL;
  location?: TokenLocation;
  /** more candidate HMAC secrets, one a line */
  wordlistFile?: string;
  /** the offline secret search's time bound (default 20 s) */
  crackSeconds?: number;
  /** the size a validly signed token must exceed to test the size limit (default 8 KiB) */
  maxTokenBytes?: number;
  signal?: AbortSignal;
  onAttack?: (done: number, total: number, id: string) => void;
  /** told the attacker key server's URLs once it listens (tests check it is stopped) */
  onAttackerHost?: (host: { jwksUrl: string; x5uUrl: string }) => void;
  /** the attacks to run; PROBE_CATALOG unless a test narrows it */
  catalog?: readonly AttackSpec[];
}

export interface ProbeRun {
  doc: ProbeDocument;
  notes: string[];
}

async function wordlist(path: string | undefined): Promise<string[]> {
  if (path === undefined) return [];
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw badFlag('--wordlist', `${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
  }
  return text.split(/\r?\n/).filter((l, i, all) => l !== '' || i < all.length - 1);
}

const isOk = (status: number) => status >= 200 && status <= 299;

export async function runProbe(o: ProbeOptions): Promise<ProbeRun> {
  const startedAt = new Date();
  const sender = new Sender(o, o.signal);
  const location = o.location ?? { kind: 'bearer', method: 'GET' };
  const extra = await wordlist(o.wordlistFile);
  const gathered = await gatherMaterial(o, sender);
  const { keySource, notes } = gathered;

  let weakSecret: ProbeMaterial['weakSecret'] = null;
  let secretSearch: ProbeMaterial['secretSearch'] = null;
  if (ALGORITHMS[gathered.material.alg].family === 'hmac') {
    const crack = await crackHmacSecret(gathered.material.token, [...builtInSecrets(), ...extra], (o.crackSeconds ?? 20) * 1000, o.signal);
    secretSearch = { tried: crack.tried, listed: crack.listed, ratePerS: crack.ratePerS, timedOut: crack.timedOut };
    if (crack.found !== null) weakSecret = { secret: crack.found, lengthBytes: Buffer.byteLength(crack.found) };
    notes.push(`secret search: ${crack.tried} of ${crack.listed} candidates in ${(crack.durationMs / 1000).toFixed(1)} s (${Math.round(crack.ratePerS)}/s)${crack.found !== null ? ', one matched' : ''}`);
  }

  o.signal?.throwIfAborted();
  const host: AttackerServer = await startAttackerHost(gathered.material.attacker.jwk, gathered.attackerCertificatePem);
  try {
    o.onAttackerHost?.({ jwksUrl: host.jwksUrl, x5uUrl: host.x5uUrl });
    const material: ProbeMaterial = {
      ...gathered.material, weakSecret, secretSearch, maxTokenBytes: o.maxTokenBytes ?? 8 * 1024,
      attackerHost: { jwksUrl: host.jwksUrl, x5uUrl: host.x5uUrl },
    };
    // Two entries that build the same token (a file that is exactly the SPKI PEM, say) are one attack.
    const seen = new Map<string, string>();
    const planned = (o.catalog ?? PROBE_CATALOG).map((spec): { spec: AttackSpec; p: Planned } => {
      const p = plan(spec, material);
      if ('token' in p) {
        const first = seen.get(p.token);
        if (first !== undefined) return { spec, p: { skip: `the same token as ${first}`, coverage: 'not-applicable' } };
        seen.set(p.token, spec.id);
      }
      return { spec, p };
    });
    const toSend = planned.filter(({ p }) => 'token' in p).length;
    if (toSend + 1 > sender.remaining) {
      throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--max-requests ${o.maxRequests} is too low: this probe needs ${toSend + 1 + sender.requests} requests (${toSend} attacks, the control request${sender.requests > 0 ? ` and ${sender.requests} already made for the token and key` : ''})`);
    }

    let control;
    try {
      control = await sender.send(o.target, carry(location, material.token));
    } catch (error) {
      throw new JwtbenchError('JWTBENCH_PROBE_SETUP', `the control request to ${o.target.href} failed (${errorMessage(error)}); is the target running?`);
    }
    if (!isOk(control.status)) {
      throw new JwtbenchError('JWTBENCH_PROBE_SETUP', `the target answered ${control.status} to the valid token, so a refusal of an attack would prove nothing; check --target, the token (expired?) and where it goes (${describeLocation(location)})`);
    }

    const attacks: AttackResult[] = [];
    let done = 0;
    for (const { spec, p } of planned) {
      o.signal?.throwIfAborted();
      const info = attackInfo(spec);
      if ('skip' in p) {
        attacks.push({ ...info, state: 'skipped', reason: p.skip, coverage: p.coverage });
        continue;
      }
      if ('offline' in p) {
        attacks.push(p.offline === 'finding'
          ? { ...info, state: 'accepted', status: null, durationMs: 0, finding: p.text }
          : { ...info, state: 'rejected', status: null, durationMs: 0, note: p.text });
        continue;
      }
      o.onAttack?.(done++, toSend, spec.id);
      const fetchedBefore = host.log.length;
      try {
        const answer = await sender.send(o.target, carry(location, p.token));
        const fetched = host.log.slice(fetchedBefore);
        const ssrf = fetched.length > 0 ? `the verifier fetched ${fetched.join(', ')} from the probe's attacker host` : '';
        const base = { ...info, status: answer.status, durationMs: answer.durationMs };
        if (isOk(answer.status)) {
          const finding = [spec.finding?.(material) ?? '', ssrf].filter(Boolean).join('; ');
          attacks.push({ ...base, state: 'accepted', ...(finding ? { finding } : {}) });
        } else if (answer.status >= 500) {
          attacks.push({ ...base, state: 'errored', error: `the target answered ${answer.status}: a bad token should get 401, not a server error${ssrf ? `; ${ssrf}` : ''}` });
        } else {
          attacks.push({ ...base, state: 'rejected', ...(ssrf ? { note: `${ssrf} (a request a token can trigger: SSRF), then refused the token` } : {}) });
        }
      } catch (error) {
        o.signal?.throwIfAborted();
        attacks.push({ ...info, state: 'errored', status: null, durationMs: o.timeoutMs, error: errorMessage(error) });
      }
    }

    const count = (s: AttackResult['state']) => attacks.filter((a) => a.state === s).length;
    const accepted = attacks.filter((a) => a.state === 'accepted');
    const doc: ProbeDocument = {
      schemaVersion: PROBE_SCHEMA_VERSION,
      kind: 'probe',
      env: captureEnv(startedAt, new Date(), ['jose']),
      config: {
        target: o.target.href,
        tokenSource: o.token !== undefined ? 'token' : 'issuer',
        issuer: o.issuer?.url.href ?? null,
        keySource,
        signingMaterial: o.secretFile !== undefined ? 'secret' : o.signingKeyFile !== undefined ? 'signing-key' : null,
        tokenLocation: describeLocation(location),
        ratePerS: o.ratePerS,
        maxRequests: o.maxRequests,
        timeoutMs: o.timeoutMs,
        allowRemote: o.allowRemote,
      },
      tokenHeader: material.header,
      control: { status: control.status, durationMs: control.durationMs },
      attacks,
      summary: {
        total: attacks.length, accepted: accepted.length, rejected: count('rejected'), errored: count('errored'), skipped: count('skipped'), requests: sender.requests,
        forgeries: accepted.filter((a) => a.severity === 'forgery').length,
        policyFindings: accepted.filter((a) => a.severity === 'policy').length,
        gaps: attacks.filter((a) => a.state === 'skipped' && a.coverage === 'gap').length,
      },
    };
    return { doc, notes };
  } finally {
    await host.close();
  }
}
