// `jwtbench artillery export`: the token pool and a control request as for `load --target`,
// then the Artillery test files.
import { join, relative } from 'node:path';
import { EXPORT_FILES, writeArtilleryTest } from '../../bench/artillery/export.js';
import { assertWritable } from '../../core/out-path.js';
import { findArtillery } from '../../bench/artillery/find.js';
import { describePlacement } from '../../core/token-placement.js';
import type { CommandIO } from '../lib/command.js';
import { controlRequest } from './control.js';
import { remoteWarning, resolveTargetOptions, type TargetFlagValues } from './options.js';
import { loadTokenPool, tokenExpiry } from './tokens.js';

export interface ExportSettings {
  durationS: number;
  maxVusers: number;
  /** lifetime of minted tokens unless --token-ttl says otherwise */
  ttlS: number;
  out: string;
}

export async function exportTest(values: TargetFlagValues, s: ExportSettings, io: CommandIO): Promise<number> {
  const t = resolveTargetOptions(values);
  if (t.allowRemote) io.stderr.write(remoteWarning(t.url));
  await assertWritable('--out', Object.values(EXPORT_FILES).map((f) => join(s.out, f)));
  const pool = await loadTokenPool(t, s.ttlS, io.signal);
  await controlRequest({ url: t.url, method: t.method, token: pool.tokens[0]!, placement: t.placement, allowRemote: t.allowRemote, flag: '--target' }, io.signal);
  const tokensExpireAt = pool.expiresAt ?? tokenExpiry(pool.tokens[0]!);
  const files = await writeArtilleryTest({
    dir: s.out, placement: t.placement, tokens: pool.tokens, durationS: s.durationS, arrivalRatePerS: t.ratePerS!, maxVusers: s.maxVusers, tokensExpireAt,
    target: {
      origin: t.url.origin, path: `${t.url.pathname}${t.url.search}`, method: t.method, rateCapPerS: t.ratePerS, clientWorkers: 1,
      token: { source: pool.source, placement: t.placement.kind, name: t.placement.name, header: pool.header, lengthChars: pool.lengthChars, poolSize: pool.tokens.length },
    },
  });
  const shown = (f: string) => (relative(io.cwd, f).startsWith('..') ? f : relative(io.cwd, f));
  const artillery = findArtillery();
  io.stdout.write([
    `Artillery test of ${t.method} ${t.url.origin}${t.url.pathname}: ${t.ratePerS} requests/s for ${s.durationS} s, at most ${s.maxVusers} at once (per worker)`,
    `tokens: ${pool.tokens.length} from ${pool.source} (${pool.header.alg}, ${pool.lengthChars} chars, ${describePlacement(t.placement)})`
      + `${tokensExpireAt ? `; the first expires at ${tokensExpireAt}` : '; they carry no exp claim'}`,
    ...files.map((f) => `wrote ${shown(f)}`),
    '',
    'run it:',
    `  ARTILLERY_DISABLE_TELEMETRY=1 ${artillery ?? 'artillery'} run ${shown(files[2]!)} --output report.json`,
    `  jwtbench artillery import report.json --test ${shown(s.out)} --out <dir>`,
    ...(artillery ? [] : ['(artillery was not found: set ARTILLERY_BIN or put artillery@2.0.22 on PATH; see docs/beyond-one-machine.md)']),
    '',
  ].join('\n'));
  return 0;
}
