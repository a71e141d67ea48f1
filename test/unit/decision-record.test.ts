// Several runs in one report: grouping by environment, labels, the comparison section, the
// capacity model and decision.md, whose every number must come from the results, the topology
// or the capacity model's documented formula.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LoadDocument } from '../../core/results/load.js';
import type { MicroDocument } from '../../core/results/micro.js';
import { blastRadii, schemeRadii } from '../../reports/blast-radius/model.js';
import { DEFAULT_TOPOLOGY } from '../../reports/blast-radius/topology.js';
import { capacity } from '../../reports/capacity.js';
import { CHEAP_VERIFY_COST } from '../../reports/decision-record.js';
import { runCli, tempDir } from '../support/helpers.js';

/** Numbers as a reader sees them: 12,345 / 0.75 / 2026; not digits inside names (HS256, Ed25519, p99, file names). */
const NUMBER = /(?<![\w.\-/])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.\-/])\d+(?:\.\d+)?(?![\w])/g;
const numbersIn = (text: string): string[] => [...text.matchAll(NUMBER)].map((m) => m[0].replace(/,/g, ''));

/** Every number a document holds, in its values and inside its strings (CPU model, versions, dates). */
function numbersOf(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (typeof value === 'string') return [...value.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  if (Array.isArray(value)) return value.flatMap(numbersOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersOf);
  return [];
}

/** A shown number comes from a value if that value, rounded as shown (decimals or significant digits), reads the same. */
function shownFrom(shown: string, values: number[]): boolean {
  const x = Number(shown);
  const decimals = shown.split('.')[1]?.length ?? 0;
  const significant = shown.replace('.', '').replace(/^0+/, '').length;
  return values.some((v) => Number(v.toFixed(decimals)) === x || (significant > 0 && significant <= 15 && Number(v.toPrecision(significant)) === x));
}

async function runs(t: Parameters<typeof tempDir>[0], withLoad = true) {
  const dir = await tempDir(t);
  const here = join(dir, 'here');
  const arm = join(dir, 'arm');
  assert.equal((await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256,ES256', '--out', here])).code, 0);
  if (withLoad) assert.equal((await runCli(['load', '--preset', 'smoke', '--duration', '0.5', '--schemes', 'baseline,hs256,es256', '--out', here])).code, 0);
  const micro = JSON.parse(await readFile(join(here, 'micro.json'), 'utf8')) as MicroDocument;
  // Another machine's run (test data): the same document under another environment.
  await mkdir(arm);
  await writeFile(join(arm, 'micro.json'), JSON.stringify({ ...micro, env: { ...micro.env, cpuModel: 'Test ARM CPU', arch: 'arm64', cores: 64 } }));
  return { dir, here, arm, micro };
}

test('report: two environments side by side, labelled; decision.md in MADR shape with every number from the results', async (t) => {
  const { dir, here, arm } = await runs(t);
  const out = join(dir, 'out', 'report.html');
  const r = await runCli(['report', here, arm, '--label', `${arm}=graviton`, '--target-rps', '2000,20000', '--core-cost', '25', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /decision record: .*decision\.md/);
  const html = await readFile(out, 'utf8');
  assert.match(html, /Comparison between environments/);
  assert.match(html, /graviton ops\/s/);
  assert.match(html, /Capacity: cores to serve a request rate/);
  assert.match(html, /This is a model, not a measurement/);
  assert.match(html, /Reproduce this report/);

  const md = await readFile(join(dir, 'out', 'decision.md'), 'utf8');
  const headings = [...md.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings.filter((x) => !x!.includes(' with ') && !x!.startsWith('HS256')), [
    'Context and Problem Statement', 'Decision Drivers', 'Considered Options', 'Decision Outcome', 'Consequences', 'Confirmation', 'Pros and Cons of the Options', 'More Information',
  ]);
  assert.match(md, /^---\nstatus: proposed\ndate: \d{4}-\d{2}-\d{2}\n---/);
  assert.match(md, /Chosen option: "/);
  assert.match(md, /jwtbench micro .*--out results\/[\w-]+\//);
  assert.match(md, /jwtbench load .*--schemes baseline,hs256,es256/);
  assert.match(md, /jwtbench report .*--label results\/graviton\/=graviton --target-rps 2000,20000 --core-cost 25/);
  assert.match(md, /jwtbench compare --baseline results\/[\w-]+\/micro\.json --candidate/);
  assert.match(md, /Intel|AMD|CPU|Processor/, 'the environment is named');

  // Every number: a results value as shown, a topology figure, or the capacity model's output.
  const micro = JSON.parse(await readFile(join(here, 'micro.json'), 'utf8')) as MicroDocument;
  const load = JSON.parse(await readFile(join(here, 'load.json'), 'utf8')) as LoadDocument;
  const model = capacity(load, [2000, 20000], 25)!;
  const allowed = [
    ...numbersOf(micro), ...numbersOf(load),
    ...numbersOf(micro).map((v) => v / 1000), // latencies recorded in ns, shown in µs
    ...numbersOf(load).map((v) => v * 100), // percentages of the relative figures
    ...numbersOf(blastRadii(DEFAULT_TOPOLOGY).map((b) => b.figures)),
    // replay pairs and exposure windows, shown in days, hours and minutes
    ...numbersOf(schemeRadii(DEFAULT_TOPOLOGY).map((r) => [r.replay, r.forgeWindowMinutes])).flatMap((v) => [v, Math.floor(v / 1440), Math.floor((v % 1440) / 60), v % 60]),
    ...numbersOf(model), 2000, 20000, 25,
    CHEAP_VERIFY_COST, // the fixed line a verify's cost is held against, not a measured figure
  ];
  const stray = numbersIn(md).filter((n) => !shownFrom(n, allowed));
  assert.deepEqual(stray, [], `numbers in decision.md not found in the results: ${stray.join(' ')}\n${md}`);
});

test('report refuses conflicting duplicates, unknown labels and unknown files with one line, exit 2 and no report', async (t) => {
  const { dir, here, micro } = await runs(t, false);
  const out = join(dir, 'bad', 'report.html');
  const expectRefused = async (args: string[], message: RegExp) => {
    const r = await runCli(['report', ...args, '--out', out]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    for (const f of ['report.html', 'summary.md', 'decision.md']) assert.ok(!existsSync(join(dir, 'bad', f)), `${f} not written`);
  };
  // The same environment and case with other figures.
  const c = micro.cases.find((x) => x.state === 'completed')!;
  const changed = { ...micro, cases: micro.cases.map((x) => (x === c && x.state === 'completed' ? { ...x, opsPerSec: x.opsPerSec * 2 } : x)) };
  await writeFile(join(dir, 'again.json'), JSON.stringify(changed));
  await expectRefused([here, join(dir, 'again.json')], new RegExp(`both hold micro case ${c.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} repeat ${c.repeat} from one environment .* with different figures`));
  // The same file twice, or the same figures again, is one run.
  await writeFile(join(dir, 'copy.json'), JSON.stringify(micro));
  assert.equal((await runCli(['report', here, join(here, 'micro.json'), join(dir, 'copy.json'), '--out', join(dir, 'ok', 'report.html')])).code, 0);

  await expectRefused([here, '--label', `${join(dir, 'nowhere.json')}=x`], /--label .*nowhere\.json=x names no micro or load file/);
  await expectRefused([here, '--label', 'no-equals-sign'], /--label must be <file>=<name>/);
  await writeFile(join(dir, 'other.json'), JSON.stringify({ kind: 'something', schemaVersion: 1 }));
  await expectRefused([here, join(dir, 'other.json')], /other\.json: not a micro, load, probe or radius results document/);
  await writeFile(join(dir, 'future.json'), JSON.stringify({ ...micro, schemaVersion: 99 }));
  await expectRefused([here, join(dir, 'future.json')], /future\.json: unsupported schemaVersion 99/);
  await expectRefused([here, '--target-rps', '1000,fast'], /--target-rps must be a positive integer/);
  await expectRefused([here, '--core-cost', '0'], /--core-cost must be a positive number/);
});

/** The options' sections of decision.md ("### <label>" under Pros and Cons) and their bullets. */
function prosAndCons(md: string): Map<string, string[]> {
  const part = md.slice(md.indexOf('## Pros and Cons of the Options'), md.indexOf('## More Information'));
  return new Map(part.split(/^### /m).slice(1).map((s) => {
    const [label, ...lines] = s.split('\n');
    return [label!, lines.filter((l) => l.startsWith('* ')).map((l) => l.slice(2))];
  }));
}

/** The trust figures a bullet can be judged on, each read from its sentence. */
const TRUST = {
  pairs: /(\d+) \(compromised, victim\) pairs? (?:is|are) forgeable/,
  holders: /(\d+) services? can mint tokens/,
  rotation: /a key rotation touches (\d+) services?/,
};

test('decision.md: a trust figure is Good only where it is the fewest of the options, and says so; HS256 is "the cheapest" only when it is', async (t) => {
  const { dir, here, micro } = await runs(t, false);
  const record = async (name: string, paths: string[]) => {
    const r = await runCli(['report', ...paths, '--out', join(dir, name, 'report.html')]);
    assert.equal(r.code, 0, r.stderr);
    return readFile(join(dir, name, 'decision.md'), 'utf8');
  };
  const md = await record('as-measured', [here]);
  const options = prosAndCons(md);
  assert.ok(options.size >= 3, md);
  for (const [kind, re] of Object.entries(TRUST)) {
    const values = [...options].map(([label, bullets]) => {
      const b = bullets.filter((x) => re.test(x));
      assert.equal(b.length, 1, `${label}: one ${kind} bullet`);
      return { label, bullet: b[0]!, value: Number(re.exec(b[0]!)![1]) };
    });
    const fewest = Math.min(...values.map((v) => v.value));
    for (const v of values) {
      if (v.value === fewest) assert.match(v.bullet, /^Good, because .*, the fewest of the options/, `${v.label}: ${v.bullet}`);
      else assert.match(v.bullet, new RegExp(`^Bad, because .*, where the fewest of the options is ${fewest}\\.$`), `${v.label}: ${v.bullet}`);
    }
  }
  // The default topology: a secret per verifier forges as few pairs as a JWKS, but 7 services can mint.
  const perVerifier = [...options].find(([label]) => label.endsWith(', a secret per verifier'))![1];
  assert.ok(perVerifier.includes('Good, because 6 (compromised, victim) pairs are forgeable, the fewest of the options (36 with HS256, one shared secret).'), perVerifier.join('\n'));
  assert.ok(perVerifier.includes('Bad, because 7 services can mint tokens (1 outside the trust boundary), where the fewest of the options is 1.'), perVerifier.join('\n'));
  assert.doesNotMatch(md, /Good, because verify costs \d/, 'a cost above HS256\'s is good only as "within 1.5×"');
  assert.doesNotMatch(md, /-[\d.]+ more than HS256/, 'fewer cores are not "-n more"');

  // jose's HS256 verify made 1000 times faster, then 1000 times slower than measured (figures
  // from a busy machine can put either way): HS256 is "the cheapest" in the first only.
  const scaled = async (name: string, factor: number) => {
    const doc = { ...micro, cases: micro.cases.map((c) => (c.state === 'completed' && c.alg === 'HS256' && c.op === 'verify' && c.engine === 'jose'
      ? { ...c, opsPerSec: c.opsPerSec / factor, latencyNs: Object.fromEntries(Object.entries(c.latencyNs).map(([k, v]) => [k, v * factor])) as typeof c.latencyNs } : c)) };
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, 'micro.json'), JSON.stringify(doc));
    return record(`${name}-report`, [join(dir, name)]);
  };
  const fast = await scaled('fast-hs', 1 / 1000);
  assert.match(fast, /Good, because the cheapest verify measured: [\d,]+ verifies per second in jose/);
  const slow = await scaled('slow-hs', 1000);
  assert.doesNotMatch(slow, /cheapest/);
  assert.match(slow, /Neutral, because [\d,]+ verifies per second in jose/);
  assert.match(slow, /Good, because verify costs within 1\.5× of HS256's time: 0\.\d+× in jose/);
});
