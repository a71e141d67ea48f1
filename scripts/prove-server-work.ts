// Why the floor HS256 verifier serves about half the baseline's requests although its verify
// call takes a few µs: the same verifier with its verify call replaced by a spin of the same
// length (CPU time touching no memory) and by a constant, beside the baseline, under wrk.
// If the spin costs the server as much as the verify, the extra cost is the loaded server's
// (more of its time waking an idle client), not the call's (caches, garbage).
// The server runs pinned to CPU 0, wrk to CPU 1, on loopback; every mode twice, in turns.
// Usage: node dist/scripts/prove-server-work.js [--duration 5] [--rounds 2] [--out dir]
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { forkTracked, request, stopChild } from '../core/children.js';
import { writeJsonAtomically } from '../core/atomic-write.js';
import { captureEnv } from '../core/env.js';
import { scriptArgs, scriptFail } from './lib/script-args.js';
import type { WorkMode, WorkServerMessage } from './lib/work-server.js';

const run = promisify(execFile);
const SERVER = fileURLToPath(new URL('./lib/work-server.js', import.meta.url));
const TASKSET = '/usr/bin/taskset';
const USAGE = 'Usage: node dist/scripts/prove-server-work.js [--duration 5] [--rounds 2] [--out dir]\n\nThe floor HS256 verifier under wrk beside the baseline, and the same verifier with its verify replaced by a spin of equal length and by a constant (see docs/measured.md).';
const values = scriptArgs({ duration: { type: 'string', default: '5' }, rounds: { type: 'string', default: '2' }, out: { type: 'string' } }, USAGE);
const durationS = Number(values.duration);
const rounds = Number(values.rounds);
if (!Number.isInteger(durationS) || durationS < 1 || durationS > 60) fail('--duration must be whole seconds from 1 to 60');
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 10) fail('--rounds must be an integer from 1 to 10');
const wrk = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => existsSync(p));
if (!wrk) fail('needs wrk (Debian: apt-get install -y wrk)');
const pinned = existsSync(TASKSET);
const out = values.out ?? join(process.cwd(), 'results', `server-work-${new Date().toISOString().replace(/[:.]/g, '')}`);

function fail(message: string): never {
  return scriptFail(message, USAGE);
}

interface Measured { mode: WorkMode; round: number; spinUs: number | null; requestsPerSec: number; non2xx: number; serverCpuUserUsPerRequest: number; serverCpuSystemUsPerRequest: number; verifyUsP50: number | null; workFailed: number }

async function measure(mode: WorkMode, round: number, spinUs: number | null): Promise<Measured> {
  const server = forkTracked(SERVER, {
    env: { ...process.env, JWTBENCH_WORK_MODE: mode, JWTBENCH_WORK_SPIN_US: String(spinUs ?? 0) },
    ...(pinned ? { execPath: TASKSET, execArgv: ['-c', '0', process.execPath] } : {}),
  });
  try {
    const ready = await new Promise<Extract<WorkServerMessage, { type: 'ready' }>>((resolve, reject) => {
      server.child.once('message', (m: WorkServerMessage) => (m.type === 'ready' ? resolve(m) : reject(new Error('unexpected message'))));
      server.exited.then((code) => reject(new Error(`the server exited (code ${code}): ${server.stderrTail()}`)));
    });
    const wrkArgs = (seconds: number) => [...(pinned ? ['-c', '1', wrk!] : []), '-t1', '-c10', `-d${seconds}s`, '-H', `Authorization: Bearer ${ready.token}`, `http://127.0.0.1:${ready.port}/resource`];
    await run(pinned ? TASKSET : wrk!, wrkArgs(2)); // warm-up, not counted
    await request(server, { type: 'reset' }, 'reset-done', 5_000);
    const { stdout } = await run(pinned ? TASKSET : wrk!, wrkArgs(durationS));
    const { metrics } = await request<Extract<WorkServerMessage, { type: 'stopped' }>>(server, { type: 'stop' }, 'stopped', 10_000);
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
    if (!Number.isFinite(rps)) throw new Error(`wrk printed no rate: ${stdout}`);
    return {
      mode, round, spinUs, requestsPerSec: rps, non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0),
      serverCpuUserUsPerRequest: (metrics.cpuUserMs * 1000) / metrics.requests, serverCpuSystemUsPerRequest: (metrics.cpuSystemMs * 1000) / metrics.requests,
      verifyUsP50: metrics.workUs?.p50 ?? null, workFailed: metrics.workFailed,
    };
  } finally {
    await stopChild(server);
  }
}

const startedAt = new Date();
const results: Measured[] = [];
for (let round = 1; round <= rounds; round++) {
  for (const mode of ['baseline', 'verify', 'spin', 'constant'] as const) {
    // the spin lasts as long as the verify's median in this round
    const spinUs = mode === 'spin' ? results.find((r) => r.round === round && r.mode === 'verify')!.verifyUsP50 : null;
    process.stderr.write(`${new Date().toISOString()} round ${round} of ${rounds}: ${mode}${spinUs === null ? '' : ` (${spinUs.toFixed(2)} µs)`}\n`);
    const m = await measure(mode, round, spinUs);
    if (m.non2xx > 0 || m.workFailed > 0) fail(`${mode}: ${m.non2xx} responses were not 2xx (${m.workFailed} tokens refused): the figures would count failed calls`);
    results.push(m);
  }
}
await writeJsonAtomically(join(out, 'server-work.json'), { env: captureEnv(startedAt, new Date(), ['fastify']), client: 'wrk -t1 -c10', durationS, rounds, pinned, results });
const fmt = (x: number, d = 1) => x.toFixed(d);
process.stdout.write(`${'round'.padEnd(6)}${'mode'.padEnd(10)}${'req/s'.padStart(9)}${'× baseline'.padStart(12)}${'CPU µs/req (user+sys)'.padStart(24)}${'verify p50 µs'.padStart(15)}\n`);
for (const r of results) {
  const base = results.find((b) => b.round === r.round && b.mode === 'baseline')!;
  process.stdout.write(`${String(r.round).padEnd(6)}${(r.mode === 'spin' ? `spin ${fmt(r.spinUs!, 2)}` : r.mode).padEnd(10)}${Math.round(r.requestsPerSec).toString().padStart(9)}${fmt(r.requestsPerSec / base.requestsPerSec, 2).padStart(12)}`
    + `${`${fmt(r.serverCpuUserUsPerRequest + r.serverCpuSystemUsPerRequest)} (${fmt(r.serverCpuUserUsPerRequest)}+${fmt(r.serverCpuSystemUsPerRequest)})`.padStart(24)}${(r.verifyUsP50 === null ? '-' : fmt(r.verifyUsP50, 2)).padStart(15)}\n`);
}
process.stdout.write(`written to ${join(out, 'server-work.json')}\n`);
