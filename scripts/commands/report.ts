// `jwtbench report`: the decision report from results files and a topology.
import { stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { defineCommand, type CommandIO } from '../lib/command.js';
import { badFlag } from '../../core/errors.js';
import { list, positiveInt, positiveNumber } from '../../core/flags.js';
import type { ReportOptions } from '../../reports/report-inputs.js';
import { assertWritable } from '../../core/out-path.js';

const HELP = `Usage: jwtbench report <micro.json | load.json | probe.json | radius.json | a results dir>... [--label <file>=<name>]... [--topology <file>] [--out <report.html>]

Writes one self-contained HTML page (opens offline: vega, vega-lite and vega-embed are
inlined and the page can make no request), summary.md beside it (Markdown for PR comments
and wikis) and the charts as SVG files in charts/. The page sets the measured cost of RS256,
ES256 and EdDSA against the blast radius of a shared HS256 secret in a topology.

Also writes decision.md: a decision record (MADR 4.0) filled from the measurements, with
the commands that reproduce them and the compare command that catches a regression.

Any number of micro and load files and directories: a directory is searched for micro.json,
load.json and probe.json, and so are its subdirectories (a directory of runs); a file of
another name is recognised by its "kind". Runs are grouped by the environment that measured
them (CPU model, cores, architecture, Node, OpenSSL, jose); the runs of one environment
merge (a verify load run and a rotation load run make one view). With more than one
environment a comparison section sets them side by side. The same case twice in one
environment with different figures is refused. At most one probe.json (from jwtbench probe):
it adds a verifier-audit section and is reported alongside a micro or load run, not alone.
At most one radius.json (from jwtbench radius): its topology replaces --topology, and a
topology derived from a deployment adds the deployment as found to the blast-radius section.

  --label <file>=<name>  name the environment of that file (or of the files in that
                      directory) in tables and charts, e.g. --label arm/=graviton;
                      repeatable (default: CPU model, cores and Node version)
  --target-rps <list>  request rates the capacity section answers "how many cores" for
                      (default 1000,10000,100000)
  --core-cost <amount>  what one core costs per month, in your currency: adds the cost per
                      month to the capacity section (default: cores only)

  --topology <file>   services, which one issues, which verify, which are external, and who
                      calls whom (JSON or YAML, docs/radius.md; default:
                      reports/blast-radius/default-topology.json)
  --out <file>        the HTML file (default: report.html in the results directory given,
                      or in the current directory)
  -h, --help          this help`;

function show(io: CommandIO, path: string): string {
  const r = relative(io.cwd, path);
  return r.startsWith('..') ? path : r;
}

export async function reportTo(paths: string[], htmlPath: string, io: CommandIO, topology?: string, options: Partial<ReportOptions> = {}): Promise<void> {
  // vega and the report load only when a report is written (~250 ms)
  const [{ loadReportInputs }, { writeReport }] = await Promise.all([import('../../reports/report-inputs.js'), import('../../reports/write-report.js')]);
  const inputs = await loadReportInputs(paths, topology, options);
  const written = await writeReport(inputs, htmlPath);
  io.stdout.write(`report: ${show(io, written.html)}\nsummary: ${show(io, written.markdown)}\ndecision record: ${show(io, written.decision)}\n`);
}

export const reportCommand = defineCommand({
  name: 'report',
  help: HELP,
  flags: { topology: { type: 'string' }, out: { type: 'string' }, label: { type: 'string', multiple: true }, 'target-rps': { type: 'string' }, 'core-cost': { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw badFlag('<results>', 'expects at least one results file or directory (e.g. results/<run>/)');
    let out = values.out;
    if (out === undefined) {
      const first = positionals[0]!;
      const isDir = await stat(first).then((s) => s.isDirectory(), () => false);
      out = isDir && positionals.length === 1 ? join(first, 'report.html') : join(io.cwd, 'report.html');
    }
    if (!out.endsWith('.html')) throw badFlag('--out', `must name an .html file (got ${JSON.stringify(out)})`);
    await assertWritable('--out', [out, join(dirname(out), 'summary.md'), join(dirname(out), 'decision.md')]);
    // the label parser lives with the report modules, loaded only when a report is written
    const { parseLabel } = await import('../../reports/inputs/group-runs.js');
    const options: Partial<ReportOptions> = {
      labels: (values.label ?? []).map(parseLabel),
      ...(values['target-rps'] === undefined ? {} : { targetRps: list('--target-rps', values['target-rps'], (x) => positiveInt('--target-rps', x)).sort((a, b) => a - b) }),
      ...(values['core-cost'] === undefined ? {} : { coreCostPerMonth: positiveNumber('--core-cost', values['core-cost'], 'money per core-month') }),
    };
    await reportTo(positionals, out, io, values.topology, options);
    return 0;
  },
});
