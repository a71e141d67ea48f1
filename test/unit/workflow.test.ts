// The GitHub workflow calls real jwtbench commands with flags those commands accept.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { runMain } from '../support/helpers.js';

const WORKFLOW = fileURLToPath(new URL('../../../.github/workflows/jwtbench-pr.yml', import.meta.url));

test('the pull-request workflow benchmarks both sides, compares and fails on a regression', async () => {
  const wf = parse(await readFile(WORKFLOW, 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, { steps: { run?: string; uses?: string }[] }> };
  assert.ok('pull_request' in wf.on);
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
  const calls = steps.flatMap((s) => (s.run ?? '').split('\n')).map((l) => l.trim()).filter((l) => /dist\/scripts\/cli\.js /.test(l));
  const commands = calls.map((l) => l.replace(/^.*dist\/scripts\/cli\.js /, '').split(/\s+/));
  assert.ok(commands.some((c) => c[0] === 'micro'), 'runs jwtbench micro');
  // Base and candidate take turns inside one loop, and compare reads the directories they fill.
  const loop = steps.map((s) => s.run ?? '').find((r) => /for i in/.test(r)) ?? '';
  assert.match(loop, /baseline\/dist\/scripts\/cli\.js micro[^\n]*--out "results\/baseline\/\$i"\n[^\n]*candidate\/dist\/scripts\/cli\.js micro[^\n]*--out "results\/candidate\/\$i"/);
  // Then each side's disturbed runs are measured again, by that side's own checkout, in place.
  const rerun = steps.map((s) => s.run ?? '').find((r) => / outliers /.test(r)) ?? '';
  assert.match(rerun, /for side in baseline candidate[\s\S]*cli\.js outliers "results\/\$side"[\s\S]*\$side\/dist\/scripts\/cli\.js micro --preset ci --processes 1 --out "\$run"/);
  assert.ok(steps.findIndex((s) => / outliers /.test(s.run ?? '')) < steps.findIndex((s) => / compare /.test(s.run ?? '')), 'before compare');
  const compares = commands.filter((c) => c[0] === 'compare');
  assert.ok(compares.every((c) => c[c.indexOf('--baseline') + 1] === 'results/baseline' && c[c.indexOf('--candidate') + 1] === 'results/candidate'));
  assert.ok(commands.some((c) => c[0] === 'compare' && c.includes('--markdown')), 'posts a Markdown comparison');
  assert.ok(steps.some((s) => /gh pr comment/.test(s.run ?? '')), 'posts the comment');
  assert.ok(steps.some((s) => /exit 1/.test(s.run ?? '') && /status/.test(s.run ?? '')), 'fails on a regression');
  // Every flag the workflow passes is one the command documents in its --help.
  for (const [name, ...args] of commands) {
    const help = (await runMain([name!, '--help'])).stdout;
    for (const flag of args.filter((a) => a.startsWith('--'))) assert.match(help, new RegExp(`${flag}\\b`), `${name} ${flag}`);
    const preset = args[args.indexOf('--preset') + 1];
    if (args.includes('--preset')) assert.match(help, new RegExp(`\\b${preset}\\b`));
  }
});
