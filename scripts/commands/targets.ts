// `jwtbench targets`: measures the harness's own speed targets on this machine and reports
// them (never asserted by a unit test): the node:crypto floor against `openssl speed`, the
// HS256 floor's rate, and how long the default scenario takes.
import { execFile } from 'node:child_process';
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ALGORITHMS } from '../../core/algorithms.js';
import { generateKeyMaterial } from '../../core/keys.js';
import type { CompletedCase } from '../../core/results/micro.js';
import { defineCommand } from '../lib/command.js';
import { JwtbenchError, badFlag } from '../../core/errors.js';
import { atMost, positiveNumber } from '../../core/flags.js';
import { formatRate, renderTable } from '../../core/table.js';
import { createProgress } from '../lib/progress.js';

const execFileAsync = promisify(execFile);

const HELP = `Usage: jwtbench targets [--time <ms>] [--openssl-seconds <s>] [--skip-default-run]

Measures jwtbench's own speed targets on this machine and prints them with what is required:
  - the node:crypto floor's RS256-2048 sign and verify at least 0.7x of \`openssl speed rsa2048\`
    (single process, run right before; small payload, 1 thread)
  - the HS256 node floor at least 100,000 ops/s (sign and verify)
  - the quick micro preset (the micro half of npm start) under 90 s, and the whole default
    scenario (jwtbench run: quick micro, then quick load) under 180 s
An informational row shows raw crypto.sign/verify on the same key without JWS framing.

  --time <ms>              measured time per floor case (default 3000)
  --openssl-seconds <s>    seconds per openssl speed measurement (default 3)
  --skip-default-run       do not time the quick preset and the default scenario
  -h, --help               this help

Exit status: 0 when every target is met, 1 when one is missed, 2 for bad flags or when
openssl is not on PATH.`;


/** `openssl speed -seconds N rsa2048` → sign/s and verify/s from its summary line. */
export function parseOpensslSpeed(output: string): { signPerSec: number; verifyPerSec: number } {
  const line = output.split('\n').find((l) => /^rsa\s+2048 bits/.test(l.trim()));
  const numbers = line?.trim().split(/\s+/).slice(-2).map(Number);
  if (!numbers || numbers.length !== 2 || numbers.some((n) => !Number.isFinite(n) || n <= 0)) {
    throw new JwtbenchError('JWTBENCH_RUN_FAILED', 'could not read the rsa 2048 line of `openssl speed` output');
  }
  return { signPerSec: numbers[0]!, verifyPerSec: numbers[1]! };
}

async function opensslSpeed(seconds: number) {
  try {
    const { stdout } = await execFileAsync('openssl', ['speed', '-seconds', String(seconds), 'rsa2048'], { maxBuffer: 1 << 20 });
    return { ...parseOpensslSpeed(stdout), version: (await execFileAsync('openssl', ['version'])).stdout.trim() };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new JwtbenchError('JWTBENCH_BAD_FLAG', 'openssl is not on PATH; it is the reference the floor is compared with');
    throw error;
  }
}

async function rawCrypto(timeMs: number) {
  const keys = await generateKeyMaterial(ALGORITHMS.RS256, 2048);
  if (keys.kind !== 'pair') throw new Error('expected a key pair');
  const priv = createPrivateKey(keys.privatePem);
  const pub = createPublicKey(keys.publicPem);
  const data = Buffer.alloc(300, 0x61);
  const signature = sign('sha256', data, priv);
  const { Bench } = await import('tinybench');
  const bench = new Bench({ time: timeMs });
  bench.add('sign', () => { sign('sha256', data, priv); });
  bench.add('verify', () => { if (!verify('sha256', data, pub, signature)) throw new Error('verify failed'); });
  await bench.run();
  const hz = (name: string) => {
    const r = bench.getTask(name)?.result;
    if (r?.state !== 'completed') throw new Error(`raw crypto ${name} did not complete`);
    return 1000 / r.latency.mean;
  };
  return { signPerSec: hz('sign'), verifyPerSec: hz('verify') };
}

/** Wall-clock seconds of one jwtbench command run as a child process, its output thrown away. */
async function timeCommand(args: string[]): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'jwtbench-targets-'));
  try {
    const cli = fileURLToPath(new URL('../cli.js', import.meta.url));
    const started = performance.now();
    await execFileAsync(process.execPath, [cli, ...args, '--out', dir], { maxBuffer: 16 << 20 });
    return (performance.now() - started) / 1000;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const targetsCommand = defineCommand({
  name: 'targets',
  help: HELP,
  flags: {
    time: { type: 'string' },
    'openssl-seconds': { type: 'string' },
    'skip-default-run': { type: 'boolean' },
  },
  async run({ values }, io) {
    const timeMs = values.time === undefined ? 3000 : positiveNumber('--time', values.time, 'milliseconds');
    const seconds = values['openssl-seconds'] === undefined ? 3 : positiveNumber('--openssl-seconds', values['openssl-seconds'], 'seconds');
    atMost('--openssl-seconds', seconds, 60);
    atMost('--time', timeMs, 60_000, ' milliseconds');
    // openssl speed takes whole seconds.
    if (!Number.isInteger(seconds)) throw badFlag('--openssl-seconds', `must be a whole number of seconds: openssl speed takes no fraction (got ${seconds})`);
    io.stderr.write(`measuring: openssl speed rsa2048, raw node:crypto, the node floor${values['skip-default-run'] ? '' : ', the default scenario'}...\n`);
    // Minutes of child runs whose own output is kept back: a step line on stderr, a terminal or not.
    const steps = ['openssl speed rsa2048', 'raw node:crypto', 'the node floor', ...(values['skip-default-run'] ? [] : ['jwtbench micro --preset quick', 'jwtbench run'])];
    const progress = createProgress(io.stderr);
    const started = Date.now();
    const step = (i: number) => progress.update(i, steps.length, steps[i]!, Date.now() - started);
    let openssl, raw, results, quickMicroS, defaultRunS;
    try {
      step(0);
      openssl = await opensslSpeed(seconds);
      step(1);
      raw = await rawCrypto(timeMs);
      step(2);
      const [{ expandMatrix }, { runMicro }] = await Promise.all([import('../../bench/matrix.js'), import('../../bench/run-micro.js')]);
      const cases = expandMatrix({ algs: ['HS256', 'RS256'], rsaBits: [2048], ops: ['sign', 'verify'], engines: ['node'], keyPreps: ['prepared'], payloads: ['small'], threads: [1] });
      results = await runMicro({ cases, budget: { timeMs, warmupMs: 300, minSamples: 64 }, signal: io.signal });
      if (!values['skip-default-run']) step(3);
      quickMicroS = values['skip-default-run'] ? null : await timeCommand(['micro', '--preset', 'quick']);
      if (!values['skip-default-run']) step(4);
      defaultRunS = values['skip-default-run'] ? null : await timeCommand(['run']);
    } finally {
      progress.done();
    }
    const rate = (alg: string, op: string) => {
      const c = results.find((r): r is CompletedCase => r.state === 'completed' && r.alg === alg && r.op === op);
      if (!c) throw new JwtbenchError('JWTBENCH_RUN_FAILED', `the ${alg} ${op} floor case did not complete`);
      return c.opsPerSec;
    };
    const rows: { target: string; measured: string; required: string; met: boolean | null }[] = [
      { target: 'RS256-2048 sign, node floor / openssl', measured: `${(rate('RS256', 'sign') / openssl.signPerSec).toFixed(2)}x (${formatRate(rate('RS256', 'sign'))} / ${formatRate(openssl.signPerSec)})`, required: '>= 0.70x', met: rate('RS256', 'sign') / openssl.signPerSec >= 0.7 },
      { target: 'RS256-2048 verify, node floor / openssl', measured: `${(rate('RS256', 'verify') / openssl.verifyPerSec).toFixed(2)}x (${formatRate(rate('RS256', 'verify'))} / ${formatRate(openssl.verifyPerSec)})`, required: '>= 0.70x', met: rate('RS256', 'verify') / openssl.verifyPerSec >= 0.7 },
      { target: '  raw crypto.sign, no JWS framing / openssl', measured: `${(raw.signPerSec / openssl.signPerSec).toFixed(2)}x (${formatRate(raw.signPerSec)})`, required: 'info', met: null },
      { target: '  raw crypto.verify, no JWS framing / openssl', measured: `${(raw.verifyPerSec / openssl.verifyPerSec).toFixed(2)}x (${formatRate(raw.verifyPerSec)})`, required: 'info', met: null },
      { target: 'HS256 sign, node floor', measured: `${formatRate(rate('HS256', 'sign'))} ops/s`, required: '>= 100,000 ops/s', met: rate('HS256', 'sign') >= 100_000 },
      { target: 'HS256 verify, node floor', measured: `${formatRate(rate('HS256', 'verify'))} ops/s`, required: '>= 100,000 ops/s', met: rate('HS256', 'verify') >= 100_000 },
    ];
    if (quickMicroS !== null) rows.push({ target: 'quick micro preset (jwtbench micro)', measured: `${quickMicroS.toFixed(1)} s`, required: '< 90 s', met: quickMicroS < 90 });
    if (defaultRunS !== null) rows.push({ target: 'default scenario (jwtbench run)', measured: `${defaultRunS.toFixed(1)} s`, required: '< 180 s', met: defaultRunS < 180 });
    const verdict = (met: boolean | null) => (met === null ? '' : met ? 'met' : 'MISSED');
    io.stdout.write(`${renderTable(['target', 'measured', 'required', ''], rows.map((r) => [r.target, r.measured, r.required, verdict(r.met)]))}\n`);
    io.stdout.write(`\nreference: ${openssl.version}, openssl speed -seconds ${seconds} rsa2048; node ${process.versions.node} with OpenSSL ${process.versions.openssl}\n`);
    return rows.some((r) => r.met === false) ? 1 : 0;
  },
});
