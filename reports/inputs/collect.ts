// The results files among the paths a user gives: files as named, and micro.json / load.json /
// probe.json inside directories, and inside their subdirectories (a directory of runs).
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { JwtbenchError, errorMessage } from '../../core/errors.js';
import type { ResultsKind } from '../../core/results/results-file.js';

export const KNOWN_FILES = { 'micro.json': 'micro', 'load.json': 'load', 'probe.json': 'probe', 'radius.json': 'radius' } as const satisfies Record<string, ResultsKind>;
/** results/<run>/ and results/ holding runs are both usual; deeper trees are not searched. */
const MAX_DEPTH = 3;

export interface FoundFile {
  /** as the user named it, or joined onto the directory they named */
  file: string;
  kind: ResultsKind;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
  }
}

/** A micro --runtime folder lists its runtimes in the order they were asked for: the first is the report's own. */
async function runtimeOrder(dir: string): Promise<string[]> {
  try {
    const doc = JSON.parse(await readFile(join(dir, 'runtimes.json'), 'utf8')) as { kind?: unknown; runtimes?: { label?: unknown }[] };
    return doc.kind === 'runtimes' && Array.isArray(doc.runtimes) ? doc.runtimes.map((r) => String(r.label)) : [];
  } catch {
    return [];
  }
}

async function inDirectory(dir: string, depth: number): Promise<string[]> {
  const order = await runtimeOrder(dir);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  const here = entries.filter((e) => e.isFile() && e.name in KNOWN_FILES).map((e) => join(dir, e.name));
  if (depth >= MAX_DEPTH) return here;
  const below = await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => inDirectory(join(dir, e.name), depth + 1)));
  return [...here, ...below.flat()];
}

async function kindOf(file: string): Promise<ResultsKind> {
  const base = file.split('/').pop()!;
  if (base in KNOWN_FILES) return KNOWN_FILES[base as keyof typeof KNOWN_FILES];
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? null;
    throw new JwtbenchError('JWTBENCH_BAD_RESULTS', why ? `${file}: cannot read it (${why})` : `${file}: not valid JSON, the file may be truncated or corrupt`);
  }
  const kind = (doc as { kind?: unknown } | null)?.kind;
  if (kind === 'micro' || kind === 'load' || kind === 'probe' || kind === 'radius') return kind;
  throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `${file}: not a micro, load, probe or radius results document (its kind is ${JSON.stringify(kind ?? null)})`);
}

/** Every results file under the paths, each once (a file named twice, or also inside a named directory, counts once). */
export async function collectResultsFiles(paths: string[]): Promise<FoundFile[]> {
  const files: string[] = [];
  for (const path of paths) files.push(...((await isDirectory(path)) ? await inDirectory(path, 1) : [path]));
  const seen = new Set<string>();
  const found: FoundFile[] = [];
  for (const file of files) {
    const key = resolve(file);
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({ file, kind: await kindOf(file) });
  }
  return found;
}
