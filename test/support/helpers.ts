// Shared test helpers: run the built CLI as a user would (a child process, or main() in this
// process), in a temporary directory.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { main } from '../../scripts/main.js';
import { watchDescendants, type Proc } from './processes.js';

export const CLI = fileURLToPath(new URL('../../scripts/cli.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRun extends CliResult {
  /** the CLI's descendants seen while it ran (servers, load generator, measuring processes) */
  descendants: Proc[];
}

/** The built CLI in a child process; its process tree is watched while it runs. */
export function runCli(args: string[], cwd?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const watch = watchDescendants(child.pid!);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d; });
    child.stderr.on('data', (d: Buffer) => { stderr += d; });
    child.on('error', (error) => { watch.stop(); reject(error); });
    child.on('close', (code) => resolve({ code, stdout, stderr, descendants: watch.stop() }));
  });
}

export async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'jwtbench-test-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A writable that keeps what is written, and says it is not a terminal (so no progress bar). */
function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write(chunk: Buffer, _enc, done) { chunks.push(Buffer.from(chunk)); done(); } });
  Object.assign(stream, { isTTY: false });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * The CLI's main() in this process, for tests that only check output and exit status: no child
 * process, so they run as unit tests. Commands that start workers or servers belong in runCli.
 */
export async function runMain(args: string[], cwd = process.cwd()): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, signal: new AbortController().signal, cwd });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
