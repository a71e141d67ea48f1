// `jwtbench summary <file-or-dir>`: the terminal summary of a saved micro.json, validated first.
import { renderMicroSummary } from '../../bench/summary.js';
import { renderInstructionSummary } from '../../bench/instructions/summary.js';
import { defineCommand } from '../lib/command.js';
import { badFlag } from '../../core/errors.js';
import { readResults } from '../../core/results/results-file.js';

const HELP = `Usage: jwtbench summary <micro.json or a directory holding it>

Validates a saved micro results file against its schema and prints its summary table and
the environment it was measured on.

  -h, --help   this help`;

export const summaryCommand = defineCommand({
  name: 'summary',
  help: HELP,
  flags: {},
  positionals: true,
  async run({ positionals }, io) {
    if (positionals.length !== 1) throw badFlag('<file>', `expects exactly one results file or directory (got ${positionals.length})`);
    const doc = await readResults('micro', positionals[0]!);
    const e = doc.env;
    const counted = doc.config.measure === 'instructions';
    io.stdout.write(`${counted ? renderInstructionSummary(doc.cases) : renderMicroSummary(doc.cases, doc.config.pinnedByThreads)}\n\n`);
    if (counted) io.stdout.write(`counted with ${doc.config.instructions!.valgrind}, ${doc.config.instructions!.nodeFlags.join(' ')}, ASLR ${doc.config.instructions!.aslr}, ${doc.config.instructions!.scheduling === 'realtime' ? 'each process pinned at SCHED_FIFO' : 'normal scheduling'}\n`);
    io.stdout.write(`measured ${e.startedAt} on ${e.cpuModel} (${e.cores} cores), ${e.os}, Node ${e.node}, OpenSSL ${e.openssl}, `
      + `UV_THREADPOOL_SIZE ${e.uvThreadpoolSize}, commit ${e.gitCommit ?? 'unknown'}${e.gitDirty ? ' (dirty)' : ''}\n`);
    return 0;
  },
});
