// `jwtbench report`: the decision report from results files and a topology.
import { stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { defineCommand, type CommandIO } from '../lib/command.js';
import { badFlag } from '../../core/errors.js';

const HELP = `Usage: jwtbench report <micro.json | load.json | probe.json | a results dir>... [--topology <file>] [--out <report.html>]

Writes one self-contained HTML page (opens offline: vega, vega-lite and vega-embed are
inlined and the page can make no request), summary.md beside it (Markdown for PR comments
and wikis) and the charts as SVG files in charts/. The page sets the measured cost of RS256,
ES256 and EdDSA against the blast radius of a shared HS256 secret in a topology.

A results directory is searched for micro.json, load.json and probe.json; a file of another
name is recognised by its "kind". At most one of each. A probe.json (from jwtbench probe)
adds a verifier-audit section: every forged token sent and what the target answered; it is
reported alongside a micro or load run, not alone.

  --topology <file>   services, which one issues, which verify, which are external, and who
                      calls whom (JSON; default: reports/blast-radius/default-topology.json)
  --out <file>        the HTML file (default: report.html in the results directory given,
                      or in the current directory)
  -h, --help          this help`;

function show(io: CommandIO, path: string): string {
  const r = relative(io.cwd, path);
  return r.startsWith('..') ? path : r;
}

export async function reportTo(paths: string[], htmlPath: string, io: CommandIO, topology?: string): Promise<void> {
  // vega and the report load only when a report is written (~250 ms)
  const [{ loadReportInputs }, { writeReport }] = await Promise.all([import('../../reports/report-inputs.js'), import('../../reports/write-report.js')]);
  const inputs = await loadReportInputs(paths, topology);
  const written = await writeReport(inputs, htmlPath);
  io.stdout.write(`report: ${show(io, written.html)}\nsummary: ${show(io, written.markdown)}\n`);
}

export const reportCommand = defineCommand({
  name: 'report',
  help: HELP,
  flags: { topology: { type: 'string' }, out: { type: 'string' } },
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
    await reportTo(positionals, out, io, values.topology);
    return 0;
  },
});
