// Where Artillery is: ARTILLERY_BIN, else `artillery` on PATH. It is not a dependency of
// jwtbench (with its cloud SDKs it is ~570 MB); artillery@2.0.22 is the last that runs on Node 20.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const ARTILLERY_VERSION = '2.0.22';

/** Every Artillery invocation: no usage reports sent from here. */
export const ARTILLERY_ENV = { ARTILLERY_DISABLE_TELEMETRY: '1' } as const;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The artillery executable, or null when there is none. */
export function findArtillery(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.ARTILLERY_BIN) return executable(env.ARTILLERY_BIN) ? env.ARTILLERY_BIN : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && executable(join(dir, 'artillery'))) return join(dir, 'artillery');
  }
  return null;
}
