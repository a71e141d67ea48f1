// --runtime on serve and load: one Node for the reference servers (Fastify supports Node only),
// installed from npm when missing as micro does, then asked what its servers can serve.
import { badFlag } from '../../core/errors.js';
import { resolveRuntime } from '../../core/runtimes/resolve.js';
import { parseRuntimeSpec } from '../../core/runtimes/spec.js';
import type { ServerRuntime } from '../../servers/server-runtime.js';
import type { CommandIO } from './command.js';

export const SERVER_RUNTIME_HELP = `  --runtime <spec>      the Node the reference servers run on: node@<major or version> (installed
                        from the npm registry into the runtimes cache when missing, saying so)
                        or a path to a node binary; e.g. node@24 serves mldsa44 on native
                        ML-DSA. The load generator stays on this Node. Node only: Fastify
                        does not support Bun or Deno. Recorded in load.json (config.serverRuntime)`;

const nodeOnly = (text: string) => badFlag('--runtime', `${text}: the reference servers (Fastify) run on Node only; give node@<major or version> or the path to a node binary`);

/** Checks the flag without touching the disk or the network: one spec, a Node one. */
export function serverRuntimeSpec(given: readonly string[] | undefined): ReturnType<typeof parseRuntimeSpec> | undefined {
  if (given === undefined || given.length === 0) return undefined;
  if (given.length > 1) throw badFlag('--runtime', `takes one runtime for the reference servers (got ${given.length}: ${given.join(', ')})`);
  const spec = parseRuntimeSpec(given[0]!);
  if (spec.kind === 'registry' && spec.name !== 'node') throw nodeOnly(spec.text);
  return spec;
}

export async function resolveServerRuntime(command: string, given: readonly string[] | undefined, io: CommandIO): Promise<ServerRuntime | undefined> {
  const spec = serverRuntimeSpec(given);
  if (spec === undefined) return undefined;
  const resolved = await resolveRuntime(spec, { install: true, log: (line) => io.stderr.write(`${command}: ${line}\n`) });
  if (resolved.name !== 'node') throw nodeOnly(`${spec.text} is ${resolved.label}`);
  const { probeServerRuntime } = await import('../../servers/server-runtime.js');
  const runtime = await probeServerRuntime(resolved.label, resolved.binary);
  io.stderr.write(`${command}: reference servers on Node ${runtime.runtime.version} (${runtime.runtime.cryptoBackend}, ${runtime.runtime.jsEngine}), ${resolved.binary}${command === 'load' ? `; the load generator on this Node ${process.versions.node}` : ''}\n`);
  return runtime;
}
