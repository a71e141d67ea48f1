// The report's "post-quantum horizon" section: what moving JWT signing to ML-DSA would cost in
// bytes and in time, from the micro run's own figures, with every limit named by its source.
import type { LoadDocument } from '../core/results/load.js';
import type { MicroDocument } from '../core/results/micro.js';
import { loadHasPostQuantum, serverBlocks } from './post-quantum-load.js';
import { h, list, p, table, type Block } from './blocks.js';
import { pqCostChart, tokenSizeChart } from './charts/index.js';
import { tokenBudget } from './charts/post-quantum.js';
import { fmt, times } from './figures.js';
import { HEADER_LIMITS, bytesCounted } from './header-limits.js';
import { CLASSICAL_LABELS, PQ_ALGS, REFERENCE_LABEL, costRows, hasPostQuantum, referenceRow, skippedPostQuantum, tokenSizes } from './post-quantum-figures.js';

export const POST_QUANTUM_TITLE = 'The post-quantum horizon';

type Chart = (id: string, title: string, caption: string, spec: ReturnType<typeof tokenSizeChart>) => Block[];
const chart: Chart = (id, title, caption, spec) => (spec ? [{ kind: 'chart', id, title, caption, spec }] : []);

function sizeBlocks(micro: MicroDocument): Block[] {
  const sizes = tokenSizes(micro);
  const blocks: Block[] = [h(3, 'Token size against header limits')];
  if (sizes.length === 0) {
    return [...blocks, p('Token sizes: not recorded. This micro.json records no tokenBytes per case, so the token sizes cannot be set against the header limits here.')];
  }
  blocks.push(...chart('pq-token-size', 'Token size against header limits', 'Recorded bytes of one compact JWS per algorithm (the run\'s headline payload) against the largest token each default limit admits.', tokenSizeChart(micro)));
  blocks.push(table(['algorithm', 'token bytes', ...HEADER_LIMITS.map((l) => `${l.label} (${l.bytes.toLocaleString('en-US')} B)`)],
    sizes.map((s) => [s.label, s.tokenBytes.toLocaleString('en-US'), ...HEADER_LIMITS.map((l) => {
      const spare = tokenBudget(l) - s.tokenBytes;
      return spare >= 0 ? `fits (${spare.toLocaleString('en-US')} B spare)` : `REFUSED (${(-spare).toLocaleString('en-US')} B over)`;
    })])));
  const ml = sizes.filter((s) => PQ_ALGS.includes(s.label));
  const tightest = HEADER_LIMITS.reduce((a, b) => (tokenBudget(b) < tokenBudget(a) ? b : a));
  const refused = ml.flatMap((s) => HEADER_LIMITS.filter((l) => bytesCounted(l, s.tokenBytes) > l.bytes).map((l) => `${s.label} by ${l.label}`));
  blocks.push(p(refused.length > 0
    ? `With this payload, ${refused.join('; ')}. A larger payload or extra claims moves every ML-DSA token closer to the 8 KiB limits.`
    : `With this payload every recorded ML-DSA token fits every limit listed; the tightest (${tightest.label}) leaves ${ml.map((s) => `${s.label} ${(tokenBudget(tightest) - s.tokenBytes).toLocaleString('en-US')} B`).join(', ')} for more claims.`));
  blocks.push(list(HEADER_LIMITS.map((l) => `${l.label}: ${l.bytes.toLocaleString('en-US')} bytes counted on the ${l.counts === 'token' ? 'token alone' : '"Authorization: Bearer <token>" line'}. Source: ${l.source}.`)));
  return blocks;
}

function costBlocks(micro: MicroDocument): Block[] {
  const rows = costRows(micro);
  const blocks: Block[] = [h(3, 'Sign and verify cost')];
  blocks.push(...chart('pq-cost', 'ML-DSA against RS256, ES256 and EdDSA', 'Sign and verify throughput per engine, prepared keys (log scale); node:crypto is the floor where it runs ML-DSA.', pqCostChart(micro)));
  const ref = { sign: referenceRow(rows, 'sign'), verify: referenceRow(rows, 'verify') };
  const refName = (op: 'sign' | 'verify') => (ref[op] ? `${REFERENCE_LABEL} ${ref[op]!.series}` : `${REFERENCE_LABEL} (not measured)`);
  const vsRef = (op: 'sign' | 'verify', opsPerSec: number | undefined) => (ref[op] && opsPerSec ? times(ref[op]!.opsPerSec / opsPerSec) : 'not measured');
  const keys = [...new Set(rows.map((r) => `${r.label}|${r.series}`))];
  blocks.push(table(['algorithm', 'engine', 'sign ops/s', 'verify ops/s', `sign time vs ${refName('sign')}`, `verify time vs ${refName('verify')}`],
    keys.map((k) => {
      const [label, series] = k.split('|') as [string, string];
      const get = (op: string) => rows.find((r) => r.label === label && r.series === series && r.op === op)?.opsPerSec;
      return [label, series, fmt(get('sign') ?? null), fmt(get('verify') ?? null), vsRef('sign', get('sign')), vsRef('verify', get('verify'))];
    })));
  const measured = PQ_ALGS.filter((a) => rows.some((r) => r.label === a));
  const classical = CLASSICAL_LABELS.filter((a) => rows.some((r) => r.label === a));
  blocks.push(p(`Measured here: ${measured.join(', ') || 'no ML-DSA case'} against ${classical.join(', ') || 'no classical JWKS algorithm'}. Where ML-DSA runs only on @noble/post-quantum (pure JavaScript), its figures are a pure-JavaScript cost set against native RSA, ECDSA and EdDSA, so part of the gap is the implementation's, not the algorithm's; native ML-DSA (node:crypto on Node 24+ with OpenSSL 3.5) appears as the floor only where the runtime has it.`));
  const skipped = skippedPostQuantum(micro);
  if (skipped.length > 0) blocks.push(list(skipped.map((s) => `${s.engine} skipped ${s.algs.join(', ')}: ${s.reason}`)));
  return blocks;
}

/** Shown when the micro run has ML-DSA cases or the load run has an ML-DSA scheme; each part says "not measured" for what is missing. */
export function postQuantumSection(micro: MicroDocument | null, load: LoadDocument | null = null): Block[] {
  const microPq = micro !== null && hasPostQuantum(micro);
  if (!microPq && !loadHasPostQuantum(load)) return [];
  const notMeasured = (what: string) => [h(3, what), p(`${what}: not measured (the micro run has no ML-DSA case).`)];
  return [
    h(2, POST_QUANTUM_TITLE),
    p('NIST IR 8547 (initial public draft) plans to deprecate 112-bit-security signatures such as RSA-2048 after 2030 and to disallow the quantum-vulnerable ones (RSA, ECDSA, EdDSA) after 2035. FIPS 204 standardised ML-DSA; draft-ietf-cose-dilithium-11 registers it for JOSE as ML-DSA-44, ML-DSA-65 and ML-DSA-87 with the AKP key type, which is what this run signed. What follows is what that move costs on this machine, in bytes and in time.'),
    ...(microPq ? sizeBlocks(micro) : notMeasured('Token size against header limits')),
    ...(microPq ? costBlocks(micro) : notMeasured('Sign and verify cost')),
    ...serverBlocks(load),
    p('Trust: an ML-DSA issuer publishes its public key in a JWKS like any other asymmetric scheme, so the blast radius above is the JWKS row: only the issuer can mint. ML-DSA changes what signing costs and how large tokens are, not who holds minting material.'),
  ];
}
