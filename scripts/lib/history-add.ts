// `jwtbench history add`: each results path becomes one entry of the store.
import { appendHistory } from '../../core/history/store.js';
import type { CommandIO } from './command.js';
import { readStore } from './history-read.js';
import { runEntry, type RunKeys } from './history-runs.js';

export async function historyAdd(store: string, paths: readonly string[], keys: RunKeys, io: CommandIO): Promise<number> {
  // Every run is read (and refused) before anything is written: all of them go in or none.
  const entries = [];
  for (const path of paths) entries.push(await runEntry('history add', path, keys, io.cwd));
  // Reading it first names any corrupt entry, as every history command does.
  await readStore(store, io, true);
  const { written, present } = await appendHistory(store, entries);
  for (const e of entries) {
    const state = written.includes(e.id) ? 'added' : 'already in the history';
    io.stdout.write(`${state}: ${e.id} (${e.points.length} figures; commit ${e.commit?.slice(0, 12) ?? 'unknown'}${e.branch ? ` on ${e.branch}` : ''}${e.label ? `, ${e.label}` : ''})\n`);
  }
  if (present.length > 0 && written.length === 0) io.stderr.write('nothing new was added\n');
  return 0;
}
