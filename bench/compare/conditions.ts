// What else, beside the machine, makes two runs' timings incomparable, and what may differ on
// purpose. The libuv threadpool carries jose's WebCrypto calls and node flags change how V8
// compiles the measured code: either moves figures with no change to the code, so compare
// refuses them as it refuses another CPU. Versions of Node, OpenSSL and the libraries are
// what a comparison is often for (an upgrade), so they are named, not refused.
import type { EnvFingerprint } from '../../core/results/env.js';

type Env = Pick<EnvFingerprint, 'uvThreadpoolSize' | 'execArgv' | 'node' | 'openssl' | 'libraries' | 'runtime'>;

const flags = (argv: readonly string[]) => (argv.length === 0 ? 'none' : argv.join(' '));

/** Measurement conditions that differ; a file without node flags recorded (older) is not judged on them. */
export function conditionMismatches(a: Env, b: Env): string[] {
  const out: string[] = [];
  if (a.uvThreadpoolSize !== b.uvThreadpoolSize) out.push(`libuv threadpool size (${a.uvThreadpoolSize} vs ${b.uvThreadpoolSize})`);
  if (a.execArgv && b.execArgv && flags(a.execArgv) !== flags(b.execArgv)) out.push(`node flags (${flags(a.execArgv)} vs ${flags(b.execArgv)})`);
  return out;
}

/** The software versions that differ, "node 20.20.2 → 22.1.0": what the comparison measures, if intended. */
export function versionChanges(a: Env, b: Env): string[] {
  const out: string[] = [];
  const [ra, rb] = [a.runtime, b.runtime];
  if (ra && rb && ra.name === rb.name && ra.name !== 'node' && ra.version !== rb.version) out.push(`${ra.name} ${ra.version} → ${rb.version}`);
  if (a.node !== b.node) out.push(`node ${a.node} → ${b.node}`);
  if (a.openssl !== b.openssl) out.push(`OpenSSL ${a.openssl} → ${b.openssl}`);
  for (const lib of [...new Set([...Object.keys(a.libraries), ...Object.keys(b.libraries)])].sort()) {
    const [x, y] = [a.libraries[lib] ?? null, b.libraries[lib] ?? null];
    if (x !== y) out.push(`${lib} ${x ?? 'absent'} → ${y ?? 'absent'}`);
  }
  return out;
}
