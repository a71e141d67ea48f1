// A history store: a folder with one JSON file per run (<id>.json), or one JSON Lines file
// (one run a line). The folder is the one to commit to a branch: every append is a new file
// written atomically, so two branches' appends merge without a conflict. The file suits a CI
// artifact: an append writes the whole file anew, atomically (temporary file, then rename).
// Every entry is checked against history.schema.json when read; one that fails is reported
// with its place and skipped, never silently dropped.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import historySchema from '../results/history.schema.json' with { type: 'json' };
import { writeFileAtomically } from '../atomic-write.js';
import { JwtbenchError, errorMessage } from '../errors.js';
import type { HistoryEntry } from '../results/history.js';
import { firstProblem } from '../results/results-file.js';

export interface SkippedEntry {
  /** the file, or file:line */
  where: string;
  problem: string;
}

export interface HistoryRead {
  entries: HistoryEntry[];
  skipped: SkippedEntry[];
}

type StoreShape = 'folder' | 'file' | 'absent-folder' | 'absent-file';

async function shapeOf(path: string): Promise<StoreShape> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw storeError(path, error);
    // A new store: a .jsonl name asks for the file; anything else is a folder.
    return /\.jsonl$/i.test(path) ? 'absent-file' : 'absent-folder';
  }
}

const storeError = (path: string, error: unknown) =>
  new JwtbenchError('JWTBENCH_BAD_RESULTS', `--history ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);

/** One entry's text checked: the entry, or why not. */
function parseEntry(text: string): { entry: HistoryEntry } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `not valid JSON (${errorMessage(error).replace(/\s+/g, ' ')})` };
  }
  const problem = firstProblem(historySchema, value);
  return problem === null ? { entry: value as HistoryEntry } : { problem: `not a history entry: ${problem}` };
}

/** Reads every entry of a store; an absent store is empty. */
export async function readHistory(path: string): Promise<HistoryRead> {
  const shape = await shapeOf(path);
  const out: HistoryRead = { entries: [], skipped: [] };
  const take = (where: string, text: string) => {
    const parsed = parseEntry(text);
    if ('entry' in parsed) out.entries.push(parsed.entry);
    else out.skipped.push({ where, problem: parsed.problem });
  };
  try {
    if (shape === 'folder') {
      const names = (await readdir(path)).filter((n) => n.endsWith('.json')).sort();
      for (const name of names) take(join(path, name), await readFile(join(path, name), 'utf8'));
    } else if (shape === 'file') {
      const lines = (await readFile(path, 'utf8')).split('\n');
      lines.forEach((line, i) => { if (line.trim() !== '') take(`${path}:${i + 1}`, line); });
    }
  } catch (error) {
    throw storeError(path, error);
  }
  // Two copies of one run (a store copied into itself, a retried CI job): the first is kept, the rest reported.
  const seen = new Set<string>();
  out.entries = out.entries.filter((e) => {
    if (!seen.has(e.id)) return seen.add(e.id), true;
    out.skipped.push({ where: `${path} (${e.id})`, problem: 'a second copy of an entry already read' });
    return false;
  });
  return out;
}

/**
 * Appends entries; those whose id the store already holds are left out (the same run added
 * twice). Returns the ids written.
 */
export async function appendHistory(path: string, entries: readonly HistoryEntry[]): Promise<{ written: string[]; present: string[] }> {
  const shape = await shapeOf(path);
  const existing = new Set((await readHistory(path)).entries.map((e) => e.id));
  const fresh = entries.filter((e) => !existing.has(e.id));
  const present = entries.filter((e) => existing.has(e.id)).map((e) => e.id);
  for (const entry of fresh) {
    const problem = firstProblem(historySchema, JSON.parse(JSON.stringify(entry)));
    if (problem !== null) throw new JwtbenchError('JWTBENCH_INVALID_RESULTS', `history entry ${entry.id} is invalid: ${problem}; not written`);
  }
  if (shape === 'folder' || shape === 'absent-folder') {
    for (const entry of fresh) await writeFileAtomically(join(path, `${entry.id}.json`), `${JSON.stringify(entry, null, 1)}\n`);
  } else if (fresh.length > 0) {
    let before = '';
    try {
      before = shape === 'file' ? await readFile(path, 'utf8') : '';
    } catch (error) {
      throw storeError(path, error);
    }
    const lead = before === '' || before.endsWith('\n') ? before : `${before}\n`;
    await writeFileAtomically(path, `${lead}${fresh.map((e) => JSON.stringify(e)).join('\n')}\n`);
  }
  return { written: fresh.map((e) => e.id), present };
}
