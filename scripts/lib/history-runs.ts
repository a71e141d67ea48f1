// The runs `history add` and `history changes --candidate` read: each path a results file, a run
// directory, or a directory of run directories pooled into one run (as compare reads a side),
// turned into a history entry keyed by commit (--commit, the one the results recorded, or git
// HEAD in the working directory),
// author time, branch and --label.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import envSchema from '../../core/results/env.schema.json' with { type: 'json' };
import { mergeMicroRuns } from '../../bench/merge-micro.js';
import { badFlag, errorMessage } from '../../core/errors.js';
import { instructionPoints, instructionRunProblem, loadPoints, microPoints, type InstructionRun, type RunPoints } from '../../core/history/points.js';
import { HISTORY_SCHEMA_VERSION, type HistoryEntry } from '../../core/results/history.js';
import type { LoadDocument } from '../../core/results/load.js';
import type { MicroDocument } from '../../core/results/micro.js';
import { firstProblem, validateResults } from '../../core/results/results-file.js';
import { runFiles } from './run-files.js';

export interface RunKeys {
  commit?: string | undefined;
  branch?: string | undefined;
  label?: string | undefined;
}

function git(cwd: string, args: string[]): string | null {
  try {
    const out = execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out === '' ? null : out;
  } catch {
    return null;
  }
}

/** One results file's points; an instruction-count micro.json is read tolerantly (its schema is not this jwtbench's yet). */
async function readFileDocs(flag: string, file: string): Promise<{ micro?: MicroDocument; load?: LoadDocument; instructions?: InstructionRun }> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw badFlag(flag, `${file}: cannot read it as JSON (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
  }
  const d = doc as Record<string, unknown> | null;
  if (d?.kind === 'micro' && (d.config as { measure?: unknown } | undefined)?.measure === 'instructions') {
    const problem = instructionRunProblem(d) ?? (firstProblem(envSchema, d.env) === null ? null : `env: ${firstProblem(envSchema, d.env)}`);
    if (problem !== null) throw badFlag(flag, `${file}: not a readable instruction-count run: ${problem}`);
    return { instructions: d as unknown as InstructionRun };
  }
  if (d?.kind === 'load') return { load: validateResults('load', doc, file) };
  return { micro: validateResults('micro', doc, file) };
}

/** Points of one run (a path as compare reads one side), and when it started. */
export async function readRunPoints(flag: string, path: string): Promise<RunPoints & { startedAt: string; gitCommit: string | null }> {
  let files: string[];
  try {
    files = await runFiles(path);
  } catch (error) {
    throw badFlag(flag, `${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
  }
  const docs = await Promise.all(files.map((f) => readFileDocs(flag, f)));
  const micro = docs.flatMap((d) => (d.micro ? [d.micro] : []));
  const load = docs.flatMap((d) => (d.load ? [d.load] : []));
  const instructions = docs.flatMap((d) => (d.instructions ? [d.instructions] : []));
  const parts: RunPoints[] = [
    ...(micro.length > 0 ? [microPoints(mergeMicroRuns(micro))] : []),
    ...(load.length > 0 ? [loadPoints({ ...load[0]!, runs: load.flatMap((d) => d.runs) })] : []),
    ...(instructions.length > 0 ? [instructionPoints({ ...instructions[0]!, cases: instructions.flatMap((d) => d.cases) })] : []),
  ];
  const points = parts.flatMap((p) => p.points);
  if (points.length === 0) throw badFlag(flag, `${path}: holds no figures to add (micro.json with figures, load.json with completed runs, or counted instructions)`);
  const envs = [...micro, ...load, ...instructions].map((d) => d.env);
  return {
    points, environments: Object.assign({}, ...parts.map((p) => p.environments)) as RunPoints['environments'],
    startedAt: envs.map((e) => e.startedAt).sort()[0]!, gitCommit: envs[0]!.gitCommit,
  };
}

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** The entry of one run: commit, author time and branch from --commit/--branch or git in `cwd`. */
export async function runEntry(flag: string, path: string, keys: RunKeys, cwd: string, now = new Date()): Promise<HistoryEntry> {
  const run = await readRunPoints(flag, path);
  // The commit the results recorded (the git HEAD jwtbench ran in) before the one checked out now: a run may be added later.
  const commit = keys.commit ?? run.gitCommit ?? git(cwd, ['rev-parse', 'HEAD']);
  const authorTime = commit === null ? null : git(cwd, ['show', '-s', '--format=%aI', `${commit}^{commit}`]);
  const headBranch = git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']);
  const branch = keys.branch ?? (headBranch === 'HEAD' ? null : headBranch);
  const body = { commit, authorTime: authorTime === null ? null : new Date(authorTime).toISOString(), branch, label: keys.label ?? null, startedAt: run.startedAt };
  // The same run added twice gets the same id, and the store keeps one.
  const hash = createHash('sha256').update(JSON.stringify([body, run.points])).digest('hex').slice(0, 10);
  return {
    schemaVersion: HISTORY_SCHEMA_VERSION, kind: 'history-entry',
    id: `${stamp(body.authorTime ?? run.startedAt)}-${commit === null ? 'nocommit' : commit.slice(0, 12).replace(/[^0-9A-Za-z._-]/g, '_')}-${hash}`,
    ...body, addedAt: now.toISOString(), sources: [path], environments: run.environments, points: run.points,
  };
}
