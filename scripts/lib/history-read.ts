// A history store read for a command: every entry that failed its check is named on stderr
// (never dropped unseen), and a store with no usable run is bad input.
import { JwtbenchError } from '../../core/errors.js';
import { readHistory } from '../../core/history/store.js';
import type { HistoryEntry } from '../../core/results/history.js';
import type { CommandIO } from './command.js';

export async function readStore(path: string, io: CommandIO, allowEmpty = false): Promise<HistoryEntry[]> {
  const { entries, skipped } = await readHistory(path);
  for (const s of skipped) io.stderr.write(`warning: ${s.where}: skipped, ${s.problem}\n`);
  if (skipped.length > 0) io.stderr.write(`warning: ${skipped.length} history entr${skipped.length === 1 ? 'y' : 'ies'} skipped of ${entries.length + skipped.length}\n`);
  if (entries.length === 0 && !allowEmpty) throw new JwtbenchError('JWTBENCH_BAD_RESULTS', `--history ${path}: holds no readable run (add some with jwtbench history add)`);
  return entries;
}
