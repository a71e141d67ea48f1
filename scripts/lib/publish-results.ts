// The end of every measuring command: check and write the document atomically (writeResults
// refuses one its schema does not accept), then show the summary and where the file went
// (with --json, the document on stdout and the summary on stderr).
import { relative } from 'node:path';
import { writeResults, type ResultsDocument } from '../../core/results/results-file.js';
import type { CommandIO } from './command.js';

export async function publishResults(doc: ResultsDocument, outDir: string, summary: string, io: CommandIO, json: boolean): Promise<string> {
  const file = await writeResults(doc, outDir);
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
