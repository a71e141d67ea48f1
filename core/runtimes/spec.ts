// A runtime as the user names it on --runtime: node@24, node@24.22.3, bun, bun@1.4, deno@2.9.6,
// or a path to a binary. Parsed once; nothing here touches the disk or the network.
import { JwtbenchError } from '../errors.js';

export const RUNTIME_NAMES = ['node', 'bun', 'deno'] as const;
export type RuntimeName = (typeof RUNTIME_NAMES)[number];

export type RuntimeSpec =
  | { kind: 'registry'; name: RuntimeName; /** a major, major.minor or exact version; null: the newest */ version: string | null; text: string }
  | { kind: 'path'; path: string; text: string };

const VERSION = /^\d+(\.\d+){0,2}$/;

export function parseRuntimeSpec(text: string, flag = '--runtime'): RuntimeSpec {
  const raw = text.trim();
  if (raw.includes('/')) return { kind: 'path', path: raw, text: raw };
  const [name, version, ...rest] = raw.split('@');
  if (!(RUNTIME_NAMES as readonly string[]).includes(name ?? '') || rest.length > 0 || (version !== undefined && !VERSION.test(version))) {
    throw new JwtbenchError('JWTBENCH_BAD_FLAG', `${flag} ${JSON.stringify(text)} is not node@<major or version>, bun[@<version>], deno[@<version>] or a path to a binary (with a /)`);
  }
  return { kind: 'registry', name: name as RuntimeName, version: version ?? null, text: raw };
}
