// A file a flag names (a token, a key, a claims file), read whole; a failure names the flag.
import { readFile } from 'node:fs/promises';
import { badFlag, errorMessage } from '../../core/errors.js';

export async function readFlagFile(flag: string, path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw badFlag(flag, `${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
  }
}
