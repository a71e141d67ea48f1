// `jwtbench artillery export|import`: Artillery tests of a target written from jwtbench's token
// sources, and Artillery's reports read back as load.json runs. jwtbench does not run the
// distribution itself: Artillery does (run-fargate, run-lambda with --count).
import { JwtbenchError, badFlag } from '../../core/errors.js';
import { atMost, positiveInt, positiveNumber } from '../../core/flags.js';
import { defaultOutDir, defineCommand } from '../lib/command.js';
import { TARGET_FLAGS, targetHelp } from '../target/options.js';
import { ARTILLERY_VERSION } from '../../bench/artillery/find.js';

const HELP = `Usage: jwtbench artillery export --target <url> <token source> --rate <r> [--duration <s>] [--out <dir>]
       jwtbench artillery import <report.json> [--test <export dir>] [--workers <n>] [--out <dir>]

export: writes a ready Artillery test of a service you run into --out: jwtbench-test.yml (one
phase: --rate new virtual users a second for --duration seconds, each sending one request
with the next token), tokens.csv (the pool, as the payload; readable by you only) and
jwtbench-export.json (the target, the token's header and length: what import needs). No
signing key or secret is written. One control request with the first token must answer 2xx.
Minted tokens expire --token-ttl after the export (default: --duration plus 15 minutes).

${targetHelp({ tokenTtl: '--duration plus 15 minutes', rate: 'new virtual users (= requests) a second, per Artillery worker (required)' })}
  --duration <s>          seconds of load (default 60, at most 600)
  --connections <n>       at most n virtual users at once, per worker (default 50)
  --out <dir>             where the test goes (default results/<UTC time>/artillery/)

import: turns Artillery's --output JSON (artillery run, run-fargate or run-lambda) into
<out>/load.json: one run, scenario "target", client "artillery": requests/s, latency p50,
p90, p99, p99.9 (ms), non-2xx, errors and Artillery's 10-second periods. Client-side figures
only. --test names the export folder (default: the report's folder).
  --test <dir>            the folder \`artillery export\` wrote (its jwtbench-export.json)
  --workers <n>           the --count the test ran with (default 1): Artillery multiplies
                          the script's load by it
  --out <dir>             where load.json goes (default results/<UTC time>/)
  --append                add the run to the load.json already in --out (a load --target
                          run of the same service, say), so one report shows both
  --json                  print the results document on stdout (the summary on stderr)

Run the exported test (Artillery ${ARTILLERY_VERSION} on Node 20; found through ARTILLERY_BIN or PATH):
  ARTILLERY_DISABLE_TELEMETRY=1 artillery run <dir>/jwtbench-test.yml --output report.json
See docs/beyond-one-machine.md for run-fargate and run-lambda.

Exit status: 0 on success, 2 for bad flags, an unreachable target, a token the target
refuses, an unreadable token file or an Artillery report of another shape.`;

const EXPORT_DEFAULTS = { durationS: 60, maxVusers: 50, maxDurationS: 600, vusersLimit: 10_000, ttlMarginS: 900 } as const;

export const artilleryCommand = defineCommand({
  name: 'artillery',
  help: HELP,
  positionals: true,
  flags: {
    ...TARGET_FLAGS,
    duration: { type: 'string' }, connections: { type: 'string' }, out: { type: 'string' },
    test: { type: 'string' }, workers: { type: 'string' }, json: { type: 'boolean' }, append: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    const [sub, ...rest] = positionals;
    if (sub === 'export') {
      if (rest.length > 0) throw badFlag('export', `takes no file argument (got ${JSON.stringify(rest[0])})`);
      for (const f of ['test', 'workers', 'json', 'append'] as const) if (values[f] !== undefined) throw badFlag(`--${f}`, 'applies only to artillery import');
      if (values.rate === undefined) throw badFlag('--rate', 'is required: new virtual users (requests) a second');
      const durationS = values.duration === undefined ? EXPORT_DEFAULTS.durationS : positiveNumber('--duration', values.duration, 'seconds');
      atMost('--duration', durationS, EXPORT_DEFAULTS.maxDurationS, ' seconds');
      const maxVusers = values.connections === undefined ? EXPORT_DEFAULTS.maxVusers : positiveInt('--connections', values.connections);
      atMost('--connections', maxVusers, EXPORT_DEFAULTS.vusersLimit);
      const { exportTest } = await import('../target/export-test.js');
      return exportTest(values, { durationS, maxVusers, ttlS: durationS + EXPORT_DEFAULTS.ttlMarginS, out: values.out ?? `${defaultOutDir(io.cwd)}/artillery` }, io);
    }
    if (sub === 'import') {
      if (rest.length !== 1) throw badFlag('import', 'needs one argument: the report.json `artillery run --output` wrote');
      const stray = [...Object.keys(TARGET_FLAGS), 'duration', 'connections'].find((f) => (values as Record<string, unknown>)[f] !== undefined);
      if (stray) throw badFlag(`--${stray}`, 'applies only to artillery export');
      const workers = values.workers === undefined ? 1 : positiveInt('--workers', values.workers);
      // Artillery's Fargate and Lambda runners take a few hundred workers at most.
      atMost('--workers', workers, 10_000);
      const { importReport } = await import('../target/import-report.js');
      if (values.append === true && values.out === undefined) throw badFlag('--append', 'needs --out: the folder whose load.json gets the run');
      return importReport(rest[0]!, { testDir: values.test ?? null, workers, out: values.out ?? defaultOutDir(io.cwd), json: values.json === true, append: values.append === true }, io);
    }
    throw new JwtbenchError('JWTBENCH_BAD_FLAG', `needs a subcommand: export or import${sub === undefined ? '' : ` (got ${JSON.stringify(sub)})`}`);
  },
});
