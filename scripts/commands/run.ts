// `jwtbench run`: the embedded default scenario behind `npm start`.
import { resolveMicroOptions } from '../../bench/micro-options.js';
import { runMicroCommand } from './micro.js';
import { defaultOutDir, defineCommand } from '../lib/command.js';

const HELP = `Usage: jwtbench run [--out <dir>]

Runs the default scenario: the quick microbenchmark preset (every algorithm at its default
key size, sign and verify, jose with prepared keys and the node:crypto floor, typical
payload, 1 thread). Writes <out>/micro.json and prints a summary.

  --out <dir>    where results go (default results/<UTC time>/)
  -h, --help     this help`;

export const runCommand = defineCommand({
  name: 'run',
  summary: 'the default scenario (what npm start runs)',
  help: HELP,
  flags: { out: { type: 'string' } },
  async run({ values }, io) {
    const outDir = values.out ?? defaultOutDir(io.cwd);
    const { doc } = await runMicroCommand(resolveMicroOptions({ preset: 'quick' }), outDir, io, false);
    return doc.cases.some((c) => c.state === 'errored') ? 1 : 0;
  },
});
