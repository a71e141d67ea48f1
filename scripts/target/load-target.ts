// `jwtbench load --target <url>`: the token pool, the control requests, the bounded runs and
// load.json. Loaded only when --target is given.
import { join } from 'node:path';
import { JwtbenchError, badFlag } from '../../core/errors.js';
import { atMost, positiveInt } from '../../core/flags.js';
import { captureEnv } from '../../core/env.js';
import { LOAD_SCHEMA_VERSION } from '../../core/results/kinds.js';
import type { LoadDocument } from '../../core/results/load.js';
import type { SchemeName } from '../../core/schemes.js';
import { resolveLoadOptions, type LoadFlagValues } from '../../bench/load/load-options.js';
import { runTargetLoad } from '../../bench/load/run-target.js';
import { renderLoadSummary } from '../../bench/load/summary.js';
import { describePlacement } from '../../core/token-placement.js';
import { checkedUrl } from '../probe/send.js';
import { defaultOutDir, type CommandIO } from '../lib/command.js';
import { createProgress } from '../lib/progress.js';
import { publishResults } from '../lib/publish-results.js';
import { controlRequest } from './control.js';
import { remoteWarning, resolveTargetOptions, type TargetFlagValues } from './options.js';
import { loadTokenPool } from './tokens.js';
import { assertWritable } from '../../core/out-path.js';

export type LoadTargetValues = LoadFlagValues & TargetFlagValues & { 'compare-url'?: string; 'client-workers'?: string };

/** Target runs are bounded like reference runs; more client threads than this is a typo. */
const MAX_CLIENT_WORKERS = 64;
/** Target runs default to the quick preset's shape: 10 connections for 5 s. */
const TARGET_LOAD_DEFAULTS = { connections: [10], durationS: 5, repeat: 1 } as const;

export async function runLoadTarget(values: LoadTargetValues, io: CommandIO): Promise<number> {
  for (const flag of ['preset', 'scenarios', 'schemes', 'engines'] as const) {
    if (values[flag] !== undefined) throw badFlag(`--${flag}`, 'does not apply with --target: target runs load your service, not the reference servers');
  }
  for (const flag of ['placement', 'server-cpus', 'client-cpus'] as const) {
    if (values[flag] !== undefined) throw badFlag(`--${flag}`, 'does not apply with --target: pin jwtbench itself (taskset -c 0 npx jwtbench load --target ...) and your service as you start it');
  }
  const t = resolveTargetOptions(values);
  const compareUrl = values['compare-url'] === undefined ? null : checkedUrl('--compare-url', values['compare-url'], t.allowRemote);
  const workers = values['client-workers'] === undefined ? 1 : positiveInt('--client-workers', values['client-workers']);
  atMost('--client-workers', workers, MAX_CLIENT_WORKERS);
  const { plan: parsed } = resolveLoadOptions({ connections: values.connections, duration: values.duration, repeat: values.repeat });
  const plan = {
    connections: values.connections === undefined ? TARGET_LOAD_DEFAULTS.connections : parsed.connections,
    durationS: values.duration === undefined ? TARGET_LOAD_DEFAULTS.durationS : parsed.durationS,
    repeat: values.repeat === undefined ? TARGET_LOAD_DEFAULTS.repeat : parsed.repeat,
  };
  if (workers > Math.min(...plan.connections)) throw badFlag('--client-workers', `must be at most --connections (${Math.min(...plan.connections)}): autocannon shares the connections among its workers`);
  if (t.allowRemote) io.stderr.write(remoteWarning(t.url));
  const outDir = values.out ?? defaultOutDir(io.cwd);
  await assertWritable('--out', [join(outDir, 'load.json')]);

  // Minted tokens outlive every run: each has a warm-up of at most 1 s, then some margin.
  const runs = plan.repeat * plan.connections.length * (compareUrl ? 2 : 1);
  const pool = await loadTokenPool(t, runs * (plan.durationS + 1) + 300, io.signal);
  await controlRequest({ url: t.url, method: t.method, token: pool.tokens[0]!, placement: t.placement, allowRemote: t.allowRemote, flag: '--target' }, io.signal);
  if (compareUrl) await controlRequest({ url: compareUrl, method: t.method, token: null, placement: t.placement, allowRemote: t.allowRemote, flag: '--compare-url' }, io.signal);

  const progress = createProgress(io.stderr);
  const startedAt = new Date();
  let loadRuns;
  try {
    loadRuns = await runTargetLoad({
      plan, signal: io.signal,
      service: {
        url: t.url, compareUrl, method: t.method, tokens: pool.tokens, placement: t.placement, ratePerS: t.ratePerS, workers, allowRemote: t.allowRemote,
        token: { source: pool.source, placement: t.placement.kind, name: t.placement.name, header: pool.header, lengthChars: pool.lengthChars, poolSize: pool.tokens.length },
      },
      onRunStart: (done, total, label, elapsedMs) => progress.update(done, total, label, elapsedMs),
    });
  } finally {
    progress.done();
  }
  if (loadRuns.length === 0) throw new JwtbenchError('JWTBENCH_RUN_FAILED', 'no target run was planned');
  const schemes = [...new Set(loadRuns.map((r) => r.scheme).filter((s): s is SchemeName => s !== null))];
  const doc: LoadDocument = {
    schemaVersion: LOAD_SCHEMA_VERSION,
    kind: 'load',
    env: captureEnv(startedAt, new Date(), ['autocannon']),
    config: { preset: null, scenarios: ['target'], schemes, engines: [], connections: [...plan.connections], durationS: plan.durationS, tokenPoolSize: pool.tokens.length, repeat: plan.repeat },
    runs: loadRuns,
  };
  const about = `tokens: ${pool.tokens.length} from ${pool.source} (${pool.header.alg}, ${pool.lengthChars} chars, ${describePlacement(t.placement)})`
    + `${t.ratePerS === null ? '' : `; rate capped at ${t.ratePerS}/s`}${workers > 1 ? `; ${workers} client threads` : ''}`;
  await publishResults(doc, outDir, `${renderLoadSummary(loadRuns)}\n${about}`, io, values.json === true);
  return loadRuns.some((r) => r.state === 'errored') ? 1 : 0;
}
