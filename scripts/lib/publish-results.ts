// The end of every measuring command: write the document atomically, then show the summary
// and where the file went (with --json, the document on stdout and the summary on stderr).
import { join, relative } from 'node:path';
import { writeJsonAtomically } from '../../core/atomic-write.js';
import type { CommandIO } from './command.js';

export async function publishResults(doc: { kind: string }, outDir: string, summary: string, io: CommandIO, json: boolean): Promise<string> {
  const file = join(outDir, `${doc.kind}.json`);
  await writeJsonAtomically(file, doc);
  const shown = relative(io.cwd, file);
  const text = `${summary}\n\n${doc.kind} results: ${shown.startsWith('..') ? file : shown}\n`;
  if (json) {
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    io.stderr.write(text);
  } else {
    io.stdout.write(text);
  }
  return file;
}
