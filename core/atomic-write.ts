// Results are written whole or not at all: a temporary file, fsync, then rename over the
// target (write-file-atomic), so an interrupted run never leaves half a results file.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { JwtbenchError, errorMessage } from './errors.js';

/** `mode`: file permissions, e.g. 0o600 for a file only its owner may read (tokens). */
export async function writeFileAtomically(path: string, contents: string, options: { mode?: number } = {}): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, contents, { encoding: 'utf8', ...options });
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_BAD_OUTPUT', `cannot write ${path}: ${errorMessage(error)}`, { cause: error });
  }
}

export async function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  await writeFileAtomically(path, `${JSON.stringify(value, null, 2)}\n`);
}
