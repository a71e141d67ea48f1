// `jwtbench load`: autocannon against the reference servers, written to <out>/load.json.
import { join } from 'node:path';
import { LOAD_FLAGS, LOAD_PRESET_NAMES, LOAD_PRESETS, resolveLoadOptions } from '../../bench/load/load-options.js';
import { LOAD_SCHEMA_VERSION } from '../../core/results/kinds.js';
import type { LoadDocument } from '../../core/results/load.js';
import { checkServable, runLoad, unservedPairs, type LoadPlan } from '../../bench/load/run-load.js';
import { SCENARIOS } from '../../bench/load/scenarios.js';
import { SCENARIO_NAMES } from '../../core/results/names.js';
import { renderLoadSummary } from '../../bench/load/summary.js';
import { SCHEME_NAMES } from '../../core/schemes.js';
import { SERVER_ENGINE_NAMES } from '../../core/engines.js';
import { publishResults } from '../lib/publish-results.js';
import { defaultOutDir, defineCommand, type CommandIO } from '../lib/command.js';
import { captureEnv } from '../../core/env.js';
import { createProgress } from '../lib/progress.js';
import { badFlag } from '../../core/errors.js';
import { LOAD_TARGET_FLAGS, TARGET_FLAGS, targetHelp } from '../target/options.js';
import { assertWritable } from '../../core/out-path.js';
import { resolveServerRuntime, SERVER_RUNTIME_HELP, serverRuntimeSpec } from '../lib/server-runtime-flag.js';

const HELP = `Usage: jwtbench load [flags]
       jwtbench load --target <url> [--compare-url <url>] <token source> [flags]

Starts the reference servers (each in its own process, on 127.0.0.1), drives them with
autocannon from another process for a bounded time, and writes <out>/load.json
(schema: core/results/load.schema.json). Every process is stopped afterwards, also on failure
and Ctrl-C.

Flags (lists are comma-separated; "all" selects every value):
  --preset <name>       default quick
${LOAD_PRESET_NAMES.map((p) => `                          ${p.padEnd(9)} ${LOAD_PRESETS[p].description}`).join('\n')}
  --scenarios <list>    ${SCENARIO_NAMES.map((s) => `${s}`).join(', ')}
${SCENARIO_NAMES.map((s) => `                          ${s.padEnd(9)} ${SCENARIOS[s].description}`).join('\n')}
  --schemes <list>      ${SCHEME_NAMES.join(', ')} (baseline = no auth)
  --engines <list>      ${SERVER_ENGINE_NAMES.join(', ')}: the library the issuer and verifier sign
                        and verify with (node = node:crypto, the algorithm's floor cost;
                        noble-pq = @noble/post-quantum, ML-DSA only); the baseline runs once,
                        on none. An engine runs only the schemes it serves here: mldsa44 runs
                        on noble-pq (and on node and jose where the runtime has ML-DSA, Node
                        24+), never on fast-jwt; the pairs left out are listed on stderr
  --connections <list>  concurrent connections, e.g. 10,50 (at most 1000)
  --duration <s>        seconds per run (at most 600)
  --token-pool <n>      distinct valid tokens per verify run (at least 1000)
  --repeat <n>          run everything n times
  --placement <where>   shared (default): the reference servers and the load generator
                        left to the OS, as a server usually is. split: each on CPUs of its
                        own (taskset, 2 CPUs or more: the client on the first half, the
                        servers on the rest), so the client does not take the loaded
                        server's CPU. Recorded in load.json; jose's figures depend on it,
                        and on a busy machine split served less (docs/load.md)
  --server-cpus <list>  instead of --placement: pin the servers to these CPUs (e.g. 1), and
  --client-cpus <list>  the load generator to these (e.g. 0)
${SERVER_RUNTIME_HELP}
  --out <dir>           where load.json goes (default results/<UTC time>/)
  --json                print the results document on stdout (the summary goes to stderr)
  -h, --help            this help

Your own verifier (--target): loads a service you run with a pool of tokens, for --duration
(default 5 s) at each --connections (default 10), after one control request it must answer
2xx. Client-side figures only: no server µs. Tokens and keys are never printed or written
(load.json records the token's header and length). See docs/your-verifier.md.
${targetHelp({ tokenTtl: "every run's length plus 5 minutes", rate: 'cap the request rate at n a second (default: no cap)' })}
  --compare-url <url>     an endpoint of the same service that needs no token (a health
                          check): loaded the same way, the baseline of the auth overhead
  --client-workers <n>    autocannon worker threads, when one client thread is the limit

Exit status: 0 when every run completed, 1 when one failed, 2 for bad flags, an unreachable
target, a token the target refuses in the control request or an unreadable token file.`;

export async function runLoadCommand(preset: string | null, plan: LoadPlan, outDir: string, io: CommandIO, json: boolean): Promise<LoadDocument> {
  checkServable(plan);
  const unserved = unservedPairs(plan);
  if (unserved.length > 0) {
    io.stderr.write(`load: ${unserved.length} scheme and engine pairs are not run here:\n`);
    for (const u of unserved) io.stderr.write(`  ${u.scheme} on ${u.engine}: ${u.reason}\n`);
  }
  if (plan.placement === 'split') io.stderr.write(`load: --placement split: servers on CPU ${plan.serverCpus!.join(',')}, load generator on CPU ${plan.clientCpus!.join(',')}\n`);
  const progress = createProgress(io.stderr);
  const startedAt = new Date();
  let runs;
  try {
    runs = await runLoad({
      plan, signal: io.signal,
      onRunStart: (done, total, run, elapsedMs) => progress.update(done, total, `${run.scenario} ${run.scheme}${run.engine ? ` ${run.engine}` : ''}${run.policy ? ` ${run.policy}` : ''} c${run.connections}`, elapsedMs),
    });
  } finally {
    progress.done();
  }
  const doc: LoadDocument = {
    schemaVersion: LOAD_SCHEMA_VERSION,
    kind: 'load',
    env: captureEnv(startedAt, new Date(), ['jose', 'fast-jwt', '@noble/post-quantum', 'fastify', 'autocannon']),
    config: {
      preset, scenarios: [...plan.scenarios], schemes: [...plan.schemes], engines: [...plan.engines], connections: [...plan.connections], durationS: plan.durationS, tokenPoolSize: plan.tokenPoolSize, repeat: plan.repeat,
      placement: plan.placement ?? 'shared',
      ...(plan.serverCpus ? { serverCpus: [...plan.serverCpus] } : {}), ...(plan.clientCpus ? { clientCpus: [...plan.clientCpus] } : {}),
      ...(plan.finishBy === undefined ? {} : { finishBy: new Date(plan.finishBy).toISOString() }),
      ...(plan.serverRuntime ? { serverRuntime: plan.serverRuntime.runtime } : {}),
    },
    runs,
  };
  const where = plan.serverRuntime ? `\nreference servers on Node ${plan.serverRuntime.runtime.version} (${plan.serverRuntime.runtime.cryptoBackend}); load generator on Node ${process.versions.node}` : '';
  await publishResults(doc, outDir, `${renderLoadSummary(runs)}${where}`, io, json);
  return doc;
}

export const loadCommand = defineCommand({
  name: 'load',
  help: HELP,
  flags: { ...LOAD_FLAGS, ...TARGET_FLAGS, ...LOAD_TARGET_FLAGS, runtime: { type: 'string', multiple: true } },
  async run({ values }, io) {
    if (values.target !== undefined && values.runtime !== undefined) throw badFlag('--runtime', 'applies to the reference servers, not to --target (your service runs on its own runtime)');
    if (values.target !== undefined) return (await import('../target/load-target.js')).runLoadTarget(values, io);
    const stray = [...Object.keys(TARGET_FLAGS), ...Object.keys(LOAD_TARGET_FLAGS)].find((f) => f !== 'token-pool' && (values as Record<string, unknown>)[f] !== undefined);
    if (stray !== undefined) throw badFlag(`--${stray}`, 'applies only with --target <url>');
    const { preset, plan } = resolveLoadOptions(values);
    serverRuntimeSpec(values.runtime);
    const outDir = values.out ?? defaultOutDir(io.cwd);
    await assertWritable('--out', [join(outDir, 'load.json')]);
    const serverRuntime = await resolveServerRuntime('load', values.runtime, io);
    const doc = await runLoadCommand(preset, { ...plan, serverRuntime }, outDir, io, values.json === true);
    return doc.runs.some((r) => r.state === 'errored') ? 1 : 0;
  },
});
