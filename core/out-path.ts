// Output paths checked before any work: a measuring command that runs for minutes must not
// find at the end that its --out names a file where a folder goes, a folder where a file goes,
// or a place it may not write in.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { badFlag } from './errors.js';

/** Throws `<flag> ...` naming the first of `files` that could not be written; creates nothing. */
export async function assertWritable(flag: string, files: readonly string[]): Promise<void> {
  for (const file of files.map((f) => resolve(f))) {
    const here = await stat(file).catch(() => null);
    if (here?.isDirectory()) throw badFlag(flag, `cannot write ${file}: it is a folder`);
    // The nearest part of the path that exists must be a folder this process may write in.
    let dir = dirname(file);
    for (;;) {
      const s = await stat(dir).catch(() => null);
      if (s) {
        if (!s.isDirectory()) throw badFlag(flag, `cannot write ${file}: ${dir} is a file, not a folder`);
        const writable = await access(dir, constants.W_OK).then(() => true, () => false);
        if (!writable) throw badFlag(flag, `cannot write ${file}: no permission to write in ${dir}`);
        break;
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}
