// `micro --runtime <spec> ...`: the same micro run on each runtime in turn (never two at once),
// each in a process of that runtime with its own results folder, <out>/<name@version>/, after the
// cross-runtime check decided which engine/algorithm pairs it may time there. runtimes.json names
// them; `jwtbench report <out>` shows them side by side.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crossCheck, type CrossCheckReport } from '../../bench/runtimes/cross-check.js';
import type { MicroFlagValues, MicroOptions } from '../../bench/micro-options.js';
import { UNSUPPORTED_ENV } from '../../bench/runtime-limits.js';
import { writeJsonAtomically } from '../../core/atomic-write.js';
import { spawnTracked, stopChild } from '../../core/children.js';
import { dedupeWarnings } from './dedupe-warnings.js';
import { errorMessage, JwtbenchError } from '../../core/errors.js';
import type { MicroDocument } from '../../core/results/micro.js';
import { readResults } from '../../core/results/results-file.js';
import { resolveRuntime, type ResolvedRuntime } from '../../core/runtimes/resolve.js';
import { parseRuntimeSpec } from '../../core/runtimes/spec.js';
import type { CommandIO } from './command.js';
import { flagArgs } from './micro-processes.js';
import { runtimeRatioLines } from './runtime-ratios.js';

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));

export interface RuntimeRun {
  runtime: ResolvedRuntime;
  dir: string;
  crossCheck: CrossCheckReport | null;
  /** null when the run wrote its results; else why it did not */
  failed: string | null;
  seconds: number;
}

async function resolveAll(specs: readonly string[], io: CommandIO): Promise<ResolvedRuntime[]> {
  const runtimes: ResolvedRuntime[] = [];
  for (const text of specs) {
    const runtime = await resolveRuntime(parseRuntimeSpec(text), { install: true, log: (line) => io.stderr.write(`${line}\n`) });
    if (runtimes.some((r) => r.label === runtime.label)) throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--runtime ${text} is ${runtime.label} again`);
    runtimes.push(runtime);
  }
  return runtimes;
}

async function runOn(runtime: ResolvedRuntime, args: string[], unsupportedFile: string, io: CommandIO): Promise<number | null> {
  const child = spawnTracked(runtime.binary, [...runtime.runArgs, CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, [UNSUPPORTED_ENV]: unsupportedFile } });
  const stderr = dedupeWarnings((text) => { if (!io.signal.aborted) io.stderr.write(text); });
  child.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const abort = () => void stopChild(child);
  io.signal.addEventListener('abort', abort, { once: true });
  try {
    return await child.exited;
  } finally {
    stderr.end();
    io.signal.removeEventListener('abort', abort);
  }
}

export async function runMicroRuntimes(values: MicroFlagValues, options: MicroOptions, outDir: string, io: CommandIO): Promise<number> {
  const runtimes = await resolveAll(values.runtime ?? [], io);
  // The WebCrypto floor is what every runtime has: measured everywhere unless --engines says otherwise.
  const engines = values.engines ?? [...new Set([...options.matrix.engines, 'webcrypto'])].join(',');
  const started = Date.now();
  const runs: RuntimeRun[] = [];
  const work = await mkdtemp(join(tmpdir(), 'jwtbench-runtimes-'));
  try {
    for (const [i, runtime] of runtimes.entries()) {
      io.signal.throwIfAborted();
      const t0 = Date.now();
      const dir = join(outDir, runtime.label);
      io.stderr.write(`runtime ${i + 1} of ${runtimes.length}: ${runtime.label} (${runtime.source === 'host' ? 'the running Node' : runtime.binary})\n`);
      let check: CrossCheckReport | null = null;
      let failed: string | null = null;
      try {
        check = await crossCheck(runtime, options.matrix.algs, { ...options.sources, selected: engines.split(',') as typeof options.sources.selected });
        const unsupportedFile = join(work, `${runtime.label}.json`);
        await writeFile(unsupportedFile, JSON.stringify(check.unsupported));
        const args = ['micro', ...flagArgs({ ...values, engines }, ['out', 'json', 'runtime']), '--out', dir];
        const code = await runOn(runtime, args, unsupportedFile, io);
        if (code !== 0 && code !== 1) failed = `micro on ${runtime.label} exited with ${code}`;
      } catch (error) {
        if (io.signal.aborted) throw error;
        failed = errorMessage(error);
      }
      if (failed !== null) io.stderr.write(`${runtime.label}: ${failed}\n`);
      runs.push({ runtime, dir, crossCheck: check, failed, seconds: (Date.now() - t0) / 1000 });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const docs: { label: string; doc: MicroDocument }[] = [];
  for (const r of runs) if (r.failed === null) docs.push({ label: r.runtime.label, doc: await readResults('micro', join(r.dir, 'micro.json')) });
  await writeJsonAtomically(join(outDir, 'runtimes.json'), {
    kind: 'runtimes', host: `node@${process.versions.node}`, seconds: (Date.now() - started) / 1000,
    runtimes: runs.map((r) => ({ label: r.runtime.label, name: r.runtime.name, version: r.runtime.version, binary: r.runtime.binary, source: r.runtime.source, results: join(r.runtime.label, 'micro.json'), seconds: r.seconds, crossCheck: r.crossCheck, failed: r.failed })),
  });
  io.stdout.write(`${runtimeRatioLines(docs).join('\n')}\n\n`);
  for (const r of runs) {
    const unsupported = r.crossCheck ? Object.keys(r.crossCheck.unsupported).length : 0;
    io.stdout.write(`${r.runtime.label}: ${r.failed ?? `${r.seconds.toFixed(0)} s, cross-runtime check ${r.crossCheck!.checked - unsupported} of ${r.crossCheck!.checked} engine/algorithm pairs both ways${unsupported > 0 ? ` (${Object.keys(r.crossCheck!.unsupported).join(', ')} unsupported)` : ''}`}\n`);
  }
  io.stdout.write(`\nmicro results per runtime: ${outDir}/<runtime>/micro.json; the report: jwtbench report ${outDir} (${((Date.now() - started) / 1000).toFixed(0)} s in all)\n`);
  return runs.some((r) => r.failed !== null) ? 1 : 0;
}
