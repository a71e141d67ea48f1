// Where a side's results are: a file, a run directory, or a directory of run directories
// (the workflow's interleaved processes, one directory each).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const RESULT_FILES = ['micro.json', 'load.json'];

/** A file; a directory holding micro.json or load.json; or a directory of such run directories, in numeric order. */
export async function runFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const direct = entries.filter((e) => e.isFile() && RESULT_FILES.includes(e.name)).map((e) => join(path, e.name));
  if (direct.length > 0) return direct;
  const runs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
  const nested = await Promise.all(runs.map(async (run) => (await readdir(join(path, run))).filter((f) => RESULT_FILES.includes(f)).map((f) => join(path, run, f))));
  return nested.flat();
}
