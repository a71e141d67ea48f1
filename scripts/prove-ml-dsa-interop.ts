// The ML-DSA interop gate (bench/interop/ml-dsa.ts) for ML-DSA-44, -65 and -87 between
// node:crypto, jose (WebCrypto) and @noble/post-quantum. It needs a Node with native ML-DSA
// (Node 24.7+ for jose's WebCrypto): on one without, it runs itself again on --runtime
// (node@24 by default, installed from the npm registry into the runtimes cache when missing).
// Writes <out>/ml-dsa-interop.json atomically and prints the matrices; exit 0 all green, 1 a
// cell failed, 2 a bad flag or no Node with ML-DSA.
// Usage: node dist/scripts/prove-ml-dsa-interop.js [--runtime node@24] [--out dir]
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALG_NAMES, ALGORITHMS, isMlDsa, type MlDsaAlgName } from '../core/algorithms.js';
import { writeJsonAtomically } from '../core/atomic-write.js';
import { spawnTracked } from '../core/children.js';
import { captureEnv } from '../core/env.js';
import { errorMessage } from '../core/errors.js';
import { resolveRuntime } from '../core/runtimes/resolve.js';
import { parseRuntimeSpec } from '../core/runtimes/spec.js';
import { INTEROP_IMPL_NAMES, ML_DSA_IMPLS } from '../bench/interop/ml-dsa-impls.js';
import { renderInterop, runInterop } from '../bench/interop/ml-dsa.js';
import { scriptArgs, scriptFail } from './lib/script-args.js';

const USAGE = 'Usage: node dist/scripts/prove-ml-dsa-interop.js [--runtime node@24] [--out dir]';
const values = scriptArgs({ runtime: { type: 'string' }, out: { type: 'string' } },
  `${USAGE}\n\nEvery ML-DSA JWS implementation (node:crypto, jose, @noble/post-quantum) verifies every other's token and imports every other's AKP JWKs (docs/post-quantum.md).\n--runtime: the Node to run on when this one has no native ML-DSA (default node@24; given, it is always used). Node only.\n--out: where ml-dsa-interop.json goes (default results/ml-dsa-interop-<UTC time>/).`);
// Set for the run on --runtime, so a Node there without ML-DSA is refused, not run again.
const REEXEC = 'JWTBENCH_INTEROP_ON_RUNTIME';
const ALGS = ALG_NAMES.filter((a): a is MlDsaAlgName => isMlDsa(ALGORITHMS[a]));

async function missing(): Promise<string[]> {
  return (await Promise.all(INTEROP_IMPL_NAMES.map((n) => ML_DSA_IMPLS[n].unavailable()))).filter((w): w is string => w !== null);
}

async function onRuntime(text: string): Promise<never> {
  let spec;
  try {
    spec = parseRuntimeSpec(text);
  } catch (error) {
    scriptFail(errorMessage(error), USAGE);
  }
  if (spec.kind === 'registry' && spec.name !== 'node') scriptFail(`--runtime ${text}: the interop gate runs node:crypto, so it runs on Node only`, USAGE);
  let binary: string;
  try {
    const resolved = await resolveRuntime(spec, { install: true, log: (line) => process.stderr.write(`ml-dsa-interop: ${line}\n`) });
    if (resolved.name !== 'node') scriptFail(`--runtime ${text} is ${resolved.label}: the interop gate runs node:crypto, so it runs on Node only`, USAGE);
    binary = resolved.binary;
    process.stderr.write(`ml-dsa-interop: running on ${resolved.label} (${binary})\n`);
  } catch (error) {
    scriptFail(errorMessage(error), USAGE);
  }
  // jose's ML-DSA is WebCrypto's, which Node 24 flags as experimental once per parameter set: not a finding
  const child = spawnTracked(binary, ['--disable-warning=ExperimentalWarning', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, [REEXEC]: '1' } });
  process.exit((await child.exited) ?? 1);
}

const here = await missing();
if (process.env[REEXEC] === undefined && (values.runtime !== undefined || here.length > 0)) await onRuntime(values.runtime ?? 'node@24');
if (here.length > 0) scriptFail(`this Node ${process.versions.node} cannot run the gate: ${here.join('; ')}`, USAGE);

const startedAt = new Date();
const result = await runInterop(INTEROP_IMPL_NAMES.map((n) => ML_DSA_IMPLS[n]), ALGS);
const out = values.out ?? join(process.cwd(), 'results', `ml-dsa-interop-${startedAt.toISOString().replace(/[:.]/g, '')}`);
const file = join(out, 'ml-dsa-interop.json');
await writeJsonAtomically(file, {
  kind: 'ml-dsa-interop',
  about: 'draft-ietf-cose-dilithium AKP JWKs and ML-DSA JWS tokens across implementations: each failure holds its inputs (throwaway keys made for this run), output and step',
  env: captureEnv(startedAt, new Date(), ['jose', '@noble/post-quantum']),
  implementations: INTEROP_IMPL_NAMES,
  algorithms: ALGS,
  ...result,
});
process.stdout.write(`${renderInterop(result, INTEROP_IMPL_NAMES)}\n\nml-dsa-interop results: ${file}\n`);
process.exitCode = result.allGreen ? 0 : 1;
