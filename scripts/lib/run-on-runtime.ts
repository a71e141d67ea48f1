// `run --runtime node@<v>`: the whole default scenario again in a process of that Node (its
// micro, its reference servers, its load generator and report), so `npm start -- --runtime
// node@24` gives the decision report for Node 24. Node only: the reference servers are Fastify.
// The child is stopped on Ctrl-C; its output passes through, repeated warnings once.
import { fileURLToPath } from 'node:url';
import { spawnTracked, stopChild } from '../../core/children.js';
import { resolveRuntime } from '../../core/runtimes/resolve.js';
import type { RuntimeSpec } from '../../core/runtimes/spec.js';
import type { CommandIO } from './command.js';
import { dedupeWarnings } from './dedupe-warnings.js';
import { resolveServerRuntime } from './server-runtime-flag.js';

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));

export async function runOnRuntime(spec: RuntimeSpec, runArgs: string[], io: CommandIO): Promise<number> {
  const resolved = await resolveRuntime(spec, { install: true, log: (line) => io.stderr.write(`run: ${line}\n`) });
  // The same checks and the same line as load --runtime: a Node, and what its servers can serve.
  await resolveServerRuntime('run', [resolved.binary], io);
  io.stderr.write(`run: the default scenario on ${resolved.label} (${resolved.binary})\n`);
  const child = spawnTracked(resolved.binary, [...resolved.runArgs, CLI, 'run', ...runArgs], { cwd: io.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = dedupeWarnings((text) => { if (!io.signal.aborted) io.stderr.write(text); });
  child.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { if (!io.signal.aborted) io.stdout.write(chunk); });
  child.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const abort = () => void stopChild(child);
  io.signal.addEventListener('abort', abort, { once: true });
  try {
    const code = await child.exited;
    return code ?? 1;
  } finally {
    stderr.end();
    io.signal.removeEventListener('abort', abort);
  }
}
