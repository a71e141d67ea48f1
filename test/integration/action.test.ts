// The reusable action (action.yml) and the workflow that uses it: every jwtbench command and
// flag the action runs is one its --help documents, and its scripts, run here as GitHub would
// run them, on two git worktrees of a small fixture project, fail on a slowed engine (exit 1)
// and pass on two identical sides (exit 0).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { runCli, tempDir } from '../support/helpers.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface Step { name?: string; id?: string; if?: string; uses?: string; run?: string; env?: Record<string, string>; shell?: string }
interface Action { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } }

const loadAction = async () => parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as Action;

function sh(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d; });
    child.stderr.on('data', (d: Buffer) => { out += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const r = await sh('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], { cwd });
  assert.equal(r.code, 0, r.out);
  return r.out.trim();
}

/** Runs the action's steps as a GitHub runner would: env from `env:` with its expressions, GITHUB_ENV, step outputs. */
async function runAction(action: Action, inputs: Record<string, string>, ctx: { workspace: string; temp: string; baseSha: string }): Promise<{ code: number; log: string; summary: string; failedStep: string | null }> {
  const outputs: Record<string, Record<string, string>> = {};
  const githubEnv: Record<string, string> = {};
  const value = (expr: string): string => {
    const [head, ...rest] = expr.split('.');
    const key = rest.join('.');
    if (head === 'inputs') return inputs[key] ?? evaluate(action.inputs[key]?.default ?? '');
    if (expr === 'github.action_path') return ROOT;
    if (expr === 'runner.temp') return ctx.temp;
    if (expr === 'github.event.pull_request.base.sha') return ctx.baseSha;
    // a pull request's run unless the test says otherwise (history mode's inputs name the event)
    if (expr === 'github.event_name') return 'pull_request';
    if (expr === 'github.ref_name') return 'feature';
    if (expr === 'github.event.repository.default_branch') return 'main';
    const step = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (step) return outputs[step[1]!]?.[step[2]!] ?? '';
    throw new Error(`the local runner does not know \${{ ${expr} }}`);
  };
  const evaluate = (text: string): string => text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, e: string) => value(e));
  await mkdir(ctx.temp, { recursive: true });
  const files = { env: join(ctx.temp, 'github_env'), summary: join(ctx.temp, 'summary.md') };
  await writeFile(files.summary, '');
  let log = '';
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.uses || step.if) continue; // setup-node, the PR comment, the artifact upload: GitHub's
    const output = join(ctx.temp, `output-${i}`);
    await writeFile(files.env, '');
    await writeFile(output, '');
    const script = join(ctx.temp, `step-${i}.sh`);
    await writeFile(script, step.run!);
    const env = {
      ...process.env, ...githubEnv, GITHUB_ENV: files.env, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: files.summary, GITHUB_WORKSPACE: ctx.workspace,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v))])),
    };
    const r = await sh('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: ctx.workspace, env });
    log += `## ${step.name}\n${r.out}`;
    for (const line of (await readFile(files.env, 'utf8')).split('\n').filter(Boolean)) {
      const at = line.indexOf('=');
      githubEnv[line.slice(0, at)] = line.slice(at + 1);
    }
    if (step.id) outputs[step.id] = Object.fromEntries((await readFile(output, 'utf8')).split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    if (r.code !== 0) return { code: r.code, log, summary: await readFile(files.summary, 'utf8'), failedStep: step.name ?? null };
  }
  return { code: 0, log, summary: await readFile(files.summary, 'utf8'), failedStep: null };
}

test('the workflow runs the action on pull requests, each side with its own build of jwtbench', async () => {
  const wf = parse(await readFile(join(ROOT, '.github/workflows/jwtbench-pr.yml'), 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> };
  assert.ok('pull_request' in wf.on);
  const step = Object.values(wf.jobs).flatMap((j) => j.steps).find((s) => s.uses === './');
  assert.ok(step, 'uses the action at the repository root');
  assert.equal(step.with?.jwtbench, 'node dist/scripts/cli.js');
  const action = await loadAction();
  for (const input of Object.keys(step.with ?? {})) assert.ok(input in action.inputs, `the action has input ${input}`);
});

test('the action calls real jwtbench commands with flags their --help documents, and reads inputs only through env', async () => {
  const action = await loadAction();
  assert.equal(action.runs.using, 'composite');
  // The comment and the upload run after a failed step too (a regression, a failed benchmark): they are what explains it.
  const upload = action.runs.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
  assert.match(upload?.if ?? '', /!cancelled\(\)/);
  const comment = action.runs.steps.find((s) => s.name?.startsWith('Post the comparison'));
  assert.match(comment?.if ?? '', /!cancelled\(\)/);
  const scripts = action.runs.steps.map((s) => s.run ?? '');
  for (const s of scripts) assert.doesNotMatch(s, /\$\{\{/, 'no expression inside a script');
  const calls = new Map<string, Set<string>>();
  const add = (cmd: string, flags: string[]) => { const set = calls.get(cmd) ?? new Set(); flags.forEach((f) => set.add(f)); calls.set(cmd, set); };
  for (const line of scripts.flatMap((s) => s.split('\n'))) {
    const call = /\$JWTBENCH (\w+)(.*)$/.exec(line);
    if (call) add(call[1]!, call[2]!.match(/--[a-z][a-z-]*/g) ?? []);
    if (/flags\+=\(|mode=\(/.test(line)) add('micro', line.match(/--[a-z][a-z-]*/g) ?? []);
    // compare's flags are gathered in an array (counts take no --alpha or looks)
    if (/stats\+?=\(/.test(line)) add('compare', line.match(/--[a-z][a-z-]*/g) ?? []);
  }
  assert.deepEqual([...calls.keys()].sort(), ['compare', 'history', 'micro', 'outliers', 'undecided']);
  assert.ok(calls.get('micro')!.has('--engine-module') && calls.get('micro')!.has('--resolve-from'));
  assert.ok(calls.get('compare')!.has('--markdown') && calls.get('compare')!.has('--threshold') && calls.get('compare')!.has('--first-look'));
  assert.ok(calls.get('micro')!.has('--measure') && calls.get('micro')!.has('--keys'));
  for (const [cmd, flags] of calls) {
    const help = (await runCli([cmd, '--help'])).stdout;
    for (const flag of flags) assert.match(help, new RegExp(`${flag}\\b`), `${cmd} ${flag}`);
  }
  const microHelp = (await runCli(['micro', '--help'])).stdout;
  assert.match(microHelp, new RegExp(`\\b${action.inputs.preset!.default}\\b`), 'the default preset exists');
});

const ENGINE = (extraMacs: number) => `import { createHmac } from 'node:crypto';
const b64 = (s) => Buffer.from(s).toString('base64url');
export default {
  name: 'app-hmac',
  algorithms: ['HS256'],
  prepare({ keys, payload }) {
    const head = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const mac = (d) => createHmac('sha256', keys.secret).update(d).digest('base64url');
    return {
      async: false,
      sign() {
        const input = head + '.' + b64(JSON.stringify(payload));
        for (let i = 0; i < ${extraMacs}; i++) mac(input + i); // the slowdown under test
        return input + '.' + mac(input);
      },
      verify(t) { const [h, p, s] = t.split('.'); if (mac(h + '.' + p) !== s) throw new Error('bad signature'); return JSON.parse(Buffer.from(p, 'base64url')); },
    };
  },
};
`;

/** A git repository of a small project with an engine module, its first commit made: the base. */
async function fixtureProject(dir: string): Promise<string> {
  const repo = join(dir, 'app');
  await mkdir(repo);
  await git(repo, 'init', '-q');
  await writeFile(join(repo, 'package.json'), '{"name":"app","private":true,"type":"module"}\n');
  await writeFile(join(repo, 'engine.mjs'), ENGINE(0));
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '-qm', 'base');
  return repo;
}

// A bound against a hang, not a speed check: about 200 s on a quiet 2-core machine; a fresh-clone
// CI at nice 10 beside two Valgrind runs passed 600 s, so the bound is half an hour.
const ACTION_TIMEOUT_MS = 1_800_000;
test('the action, run locally on a fixture project: a slowed engine fails the check, identical sides pass', { timeout: ACTION_TIMEOUT_MS }, async (t) => {
  const dir = await tempDir(t);
  const repo = await fixtureProject(dir);
  const baseSha = await git(repo, 'rev-parse', 'HEAD');
  await writeFile(join(repo, 'engine.mjs'), ENGINE(4));
  await git(repo, 'commit', '-qam', 'a slower sign');

  const action = await loadAction();
  // smoke-sized: one algorithm and op, the floor beside the project's engine; no install, no pinning
  const inputs = {
    preset: 'smoke', processes: '5', 'engine-modules': 'engine.mjs', 'micro-flags': '--algs HS256 --ops sign --engines node --time 25 --repeat 2',
    alpha: '0.05', threshold: '20', install: '', jwtbench: '', cpu: '', comment: 'false', 'node-version': '',
  };
  const slowed = await runAction(action, inputs, { workspace: repo, temp: join(dir, 'run1'), baseSha });
  assert.equal(slowed.code, 1, slowed.log);
  // Only the last step fails: Compare must succeed on a regression, or GitHub skips the comment and the upload after it.
  assert.equal(slowed.failedStep, 'Fail on a regression', slowed.log);
  assert.match(slowed.summary, /HS256\/sign\/app-hmac[^\n]*regress/i, slowed.summary);

  await git(repo, 'checkout', '-q', baseSha);
  const same = await runAction(action, inputs, { workspace: repo, temp: join(dir, 'run2'), baseSha });
  assert.equal(same.code, 0, same.log);
  assert.match(same.summary, /app-hmac/);
});

test('history mode, run locally: pushes to the default branch append runs to the history branch; a pull request is judged against them', { timeout: ACTION_TIMEOUT_MS }, async (t) => {
  const dir = await tempDir(t);
  const origin = join(dir, 'origin.git');
  await git(dir, 'init', '-q', '--bare', origin);
  const repo = await fixtureProject(dir);
  await git(repo, 'remote', 'add', 'origin', origin);
  await git(repo, 'push', '-q', 'origin', 'main');
  const action = await loadAction();
  const inputs = {
    preset: 'smoke', processes: '1', 'engine-modules': 'engine.mjs', 'micro-flags': '--algs HS256 --ops sign --engines node --time 25 --repeat 2',
    install: '', jwtbench: '', cpu: '', comment: 'false', 'node-version': '', 'second-look': 'false',
    'history-branch': 'jwtbench-history', 'event-name': 'push', 'ref-name': 'main', 'default-branch': 'main',
  };
  const recorded = async () => {
    await git(repo, 'fetch', '-q', 'origin', 'jwtbench-history');
    return (await git(repo, 'ls-tree', '-r', '--name-only', 'FETCH_HEAD')).split('\n');
  };
  for (let i = 1; i <= 3; i++) {
    await git(repo, 'commit', '-q', '--allow-empty', '-m', `change ${i}`);
    const push = await runAction(action, inputs, { workspace: repo, temp: join(dir, `push-${i}`), baseSha: '' });
    assert.equal(push.code, 0, push.log);
    const files = await recorded();
    assert.equal(files.length, i, files.join(', '));
    assert.ok(files.every((f) => /^history\/.+\.json$/.test(f)), files.join(', '));
  }
  const other = await runAction(action, { ...inputs, 'ref-name': 'feature' }, { workspace: repo, temp: join(dir, 'push-other'), baseSha: '' });
  assert.equal(other.code, 0, other.log);
  assert.match(other.log, /not main: nothing recorded/);
  assert.equal((await recorded()).length, 3);

  const baseSha = await git(repo, 'rev-parse', 'HEAD');
  await git(repo, 'commit', '-q', '--allow-empty', '-m', 'a pull request');
  // Identical sides, but a busy machine can move batch means past 5% (compare falls back to them with
  // 2 processes a side): the threshold is set out of reach, since this test is about the history, not the verdict.
  const pr = await runAction(action, { ...inputs, 'event-name': 'pull_request', processes: '2', threshold: '1000' }, { workspace: repo, temp: join(dir, 'pr'), baseSha });
  assert.equal(pr.code, 0, pr.log);
  assert.match(pr.summary, /### Against the history \(jwtbench-history\)/);
  assert.match(pr.summary, /change points? in \d+ series/);
  assert.equal((await recorded()).length, 3, 'a pull request records nothing');
});
