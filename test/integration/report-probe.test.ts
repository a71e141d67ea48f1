// The report's verifier-audit section: a probe.json is picked up beside micro/load results, its
// section and chart quote the document (accepted attacks first), and bad combinations are refused.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { compile } from 'vega-lite';
import type { Block } from '../../reports/blocks.js';
import { buildReport } from '../../reports/build-report.js';
import { probeChart } from '../../reports/charts/index.js';
import { PROBE_SECTION_TITLE, probeVerdict } from '../../reports/probe-section.js';
import { renderHtml } from '../../reports/render-html.js';
import { renderMarkdown, renderSvg } from '../../reports/render-markdown.js';
import { loadReportInputs } from '../../reports/report-inputs.js';
import type { EnvFingerprint } from '../../core/results/env.js';
import { JwtbenchError } from '../../core/errors.js';
import { validateResults } from '../../core/results/results-file.js';
import type { AttackInfo, AttackResult, ProbeDocument } from '../../core/results/probe.js';
import { runCli, runMain, tempDir } from '../support/helpers.js';

// ---- fixture: a plausible audit of a verifier that falls for two forgeries ----

const ENV: EnvFingerprint = {
  cpuModel: 'Test CPU', cores: 2, totalMemoryBytes: 8 * 2 ** 30, os: 'linux', arch: 'x64', node: '20.0.0', openssl: '3.0.0', v8: '11',
  libraries: { jose: '6.2.18' }, uvThreadpoolSize: 4, uvThreadpoolSizeFromEnv: false, gitCommit: null, gitDirty: null,
  startedAt: '2025-01-01T00:00:00Z', endedAt: '2025-01-01T00:00:05Z',
};

const info = (id: string, title: string, severity: AttackInfo['severity'] = 'forgery'): AttackInfo => ({
  id, family: id.split('-')[0]!, severity, title, meaning: `meaning of ${id}`, reference: `RFC 8725 for ${id}`,
});

/** Run order on purpose not report order, so the test sees the report sort them. */
const ATTACKS: AttackResult[] = [
  { ...info('sig-flip', 'Signature with one bit flipped'), state: 'rejected', status: 401, durationMs: 1.4 },
  { ...info('alg-none', 'alg "none" with the signature removed'), state: 'accepted', status: 200, durationMs: 0.9, finding: 'answered 200 to an unsigned token' },
  { ...info('confusion-hs', 'RS256 public key used as an HS256 secret'), state: 'skipped', reason: 'needs the public key', coverage: 'gap' },
  { ...info('exp-past', 'Expired an hour ago', 'policy'), state: 'rejected', status: 401, durationMs: 1.1, note: 'WWW-Authenticate: invalid_token' },
  { ...info('kid-traversal', 'kid pointing at /dev/null'), state: 'errored', status: 500, durationMs: 3.7, error: 'HTTP 500' },
  { ...info('crit-unknown', 'Unknown crit header', 'policy'), state: 'accepted', status: 204, durationMs: 1.2 },
];

function probeDoc(attacks: AttackResult[] = ATTACKS, target = 'http://127.0.0.1:4123/protected'): ProbeDocument {
  const count = (state: AttackResult['state']) => attacks.filter((a) => a.state === state).length;
  const doc: ProbeDocument = {
    schemaVersion: 2, kind: 'probe', env: ENV,
    config: {
      target, tokenSource: 'issuer', issuer: 'http://127.0.0.1:4122', keySource: 'jwks', signingMaterial: null, tokenLocation: 'GET, header Authorization: Bearer <token>',
      ratePerS: 20, maxRequests: 200, timeoutMs: 2000, allowRemote: false,
    },
    tokenHeader: { alg: 'RS256', typ: 'JWT', kid: 'abc' },
    control: { status: 200, durationMs: 1.3 },
    attacks,
    summary: {
      total: attacks.length, accepted: count('accepted'), rejected: count('rejected'), errored: count('errored'), skipped: count('skipped'),
      requests: attacks.filter((a) => a.state !== 'skipped').length + 1,
      forgeries: attacks.filter((a) => a.state === 'accepted' && a.severity === 'forgery').length,
      policyFindings: attacks.filter((a) => a.state === 'accepted' && a.severity === 'policy').length,
      gaps: attacks.filter((a) => a.state === 'skipped' && a.coverage === 'gap').length,
    },
  };
  // The fixture must be a document the real reader accepts.
  return validateResults('probe', doc, 'fixture');
}

/** One small real micro run, shared by the tests that need a micro.json beside the probe. */
let microDir: string;
let microFile: string;
before(async () => {
  microDir = await mkdtemp(join(tmpdir(), 'jwtbench-test-'));
  const r = await runCli(['micro', '--preset', 'smoke', '--algs', 'HS256', '--ops', 'sign', '--out', microDir]);
  assert.equal(r.code, 0, r.stderr);
  microFile = join(microDir, 'micro.json');
});
after(() => rm(microDir, { recursive: true, force: true }));

async function resultsDir(dir: string, doc: ProbeDocument = probeDoc()): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'micro.json'), await readFile(microFile));
  await writeFile(join(dir, 'probe.json'), JSON.stringify(doc));
  return dir;
}

// ---- tests ----

test('report inputs pick up probe.json from a directory, and a probe file by its kind', async (t) => {
  const dir = await resultsDir(join(await tempDir(t), 'run'));
  const inputs = await loadReportInputs([dir]);
  assert.ok(inputs.micro, 'micro.json too');
  assert.equal(inputs.probe?.file, join(dir, 'probe.json'));
  assert.equal(inputs.probe?.doc.config.target, probeDoc().config.target);

  const other = join(await tempDir(t), 'audit-of-gateway.json');
  await writeFile(other, JSON.stringify(probeDoc()));
  const byKind = await loadReportInputs([microFile, other]);
  assert.equal(byKind.probe?.file, other);
});

test('two probe files, a probe alone, or a broken probe file: one clear error', async (t) => {
  const dir = await resultsDir(join(await tempDir(t), 'run'));
  const second = join(await tempDir(t), 'second.json');
  await writeFile(second, JSON.stringify(probeDoc()));
  await assert.rejects(loadReportInputs([dir, second]), (e: unknown) => e instanceof JwtbenchError && e.code === 'JWTBENCH_BAD_RESULTS'
    && /two probe results files given \(.*probe\.json and .*second\.json\)/.test(e.message));

  await assert.rejects(loadReportInputs([second]), /no micro\.json or load\.json found in .*second\.json; a probe results file/);

  const broken = join(await tempDir(t), 'probe.json');
  await writeFile(broken, JSON.stringify({ ...probeDoc(), control: { status: 'ok', durationMs: 1 } }));
  await assert.rejects(loadReportInputs([microFile, broken]), /invalid probe results: \/control\/status/);
});

test('the section: target, alg, control, counts, verdict, and every attack with accepted first', async (t) => {
  const doc = probeDoc();
  const dir = await resultsDir(join(await tempDir(t), 'run'), doc);
  const { title, blocks } = buildReport(await loadReportInputs([dir]));
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.text === PROBE_SECTION_TITLE);
  assert.ok(start > 0, 'the section is there');
  const end = blocks.findIndex((b, i) => i > start && b.kind === 'heading' && b.level <= 2);
  const section = blocks.slice(start, end);
  const text = JSON.stringify(section);
  for (const fact of [doc.config.target, 'alg RS256', join(dir, 'probe.json'), 'HTTP 200 in 1.3 ms']) assert.ok(text.includes(fact), fact);

  const verdict = probeVerdict(doc);
  assert.match(verdict, /^Verdict: 1 forged token ACCEPTED: anyone can mint tokens this verifier accepts \(alg-none\)\. Also 1 policy finding \(crit-unknown\)\./);
  assert.match(verdict, /Coverage: 5 of 6 attacks ran; 1 skipped: 1 for want of material \(needs the public key\)\./);
  // The recommendation leads with it too: a forgeable verifier outweighs the choice of algorithm.
  const recommendation = blocks.slice(blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Recommendation'));
  assert.ok(JSON.stringify(recommendation.slice(0, 12)).includes(`Verifier audit of ${doc.config.target}: 1 forged token ACCEPTED`));
  assert.ok(JSON.stringify(recommendation.slice(0, 12)).includes('Fix that verifier first'));
  for (const a of ATTACKS.filter((x) => x.state === 'accepted')) assert.ok(verdict.includes(a.id), a.id);

  const tables = section.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
  assert.deepEqual(tables[0]?.rows, [[6, 1, 1, 2, 1, 1, 1, 6].map(String)], 'the summary counts (requests: 5 attacks sent and the control)');
  const attacks = tables[1]!;
  assert.deepEqual(attacks.rows.map((r) => r[0]), ['FORGERY ACCEPTED', 'POLICY FINDING', 'errored', 'rejected', 'rejected', 'skipped']);
  assert.deepEqual(attacks.rows.map((r) => r[1]), ['forgery', 'policy', 'forgery', 'forgery', 'policy', 'forgery']);
  assert.deepEqual(attacks.rows.map((r) => r[4]), [
    'alg "none" with the signature removed', 'Unknown crit header', 'kid pointing at /dev/null', 'Signature with one bit flipped', 'Expired an hour ago', 'RS256 public key used as an HS256 secret',
  ], 'run order kept within a state');
  assert.deepEqual(attacks.rows[0], ['FORGERY ACCEPTED', 'forgery', '200', '0.9', ATTACKS[1]!.title, 'meaning of alg-none', 'RFC 8725 for alg-none', 'answered 200 to an unsigned token']);
  assert.deepEqual(attacks.rows[5]!.slice(0, 4), ['skipped', 'forgery', 'not sent', 'not sent']);
  assert.equal(attacks.rows[5]![7], 'coverage gap: needs the public key', 'a skipped attack says why');

  // Both renderings carry it: the HTML page and summary.md.
  const html = renderHtml(title, blocks);
  for (const s of [PROBE_SECTION_TITLE, 'anyone can mint tokens', 'Unknown crit header', 'alg &quot;none&quot; with the signature removed']) assert.ok(html.includes(s), s);
  const { markdown, svgs } = await renderMarkdown(blocks, 'charts');
  assert.match(markdown, new RegExp(`## ${PROBE_SECTION_TITLE.replace(/[()]/g, '\\$&')}`));
  assert.match(markdown, /\| FORGERY ACCEPTED \| forgery \| 200 \| 0\.9 \| alg "none" with the signature removed \|/);
  assert.match(svgs.get('charts/probe.svg') ?? '', /^<svg/);
});

test('the verdict when nothing was accepted, when some errored, and when the control failed', () => {
  const rejected = (id: string): AttackResult => ({ ...info(id, `title ${id}`), state: 'rejected', status: 401, durationMs: 1 });
  const clean = probeDoc([rejected('a-1'), rejected('a-2'), { ...info('b-1', 'needs a key', 'policy'), state: 'skipped', reason: 'needs a key', coverage: 'gap' }]);
  assert.equal(probeVerdict(clean), 'Verdict: no forgery and no policy violation accepted (2 rejected). Coverage: 2 of 3 attacks ran; 1 skipped: 1 for want of material (needs a key). This verdict says nothing about the 1 that lacked material.');
  // A forgery attack that could not run (a key recovery or a secret search that gave up): the headline itself says so.
  const gaveUp = (id: string, reason: string): AttackResult => ({ ...info(id, `title ${id}`), state: 'skipped', reason, coverage: 'gap' });
  const unfinished = probeDoc([rejected('a-1'), gaveUp('c-1', 'the key recovery gave up'), gaveUp('c-2', 'the key recovery gave up')]);
  assert.match(probeVerdict(unfinished), /^Verdict: incomplete: no forgery accepted among the attacks that ran \(1 rejected\), but 2 forgery attacks could not run \(the key recovery gave up\), so this verifier may still be forgeable\. Coverage:/);
  const two = probeDoc([gaveUp('c-1', 'no key'), gaveUp('w-1', 'the search timed out'), { ...info('exp-1', 'expired', 'policy'), state: 'accepted', status: 200, durationMs: 1 }]);
  assert.match(probeVerdict(two), /^Verdict: no forgery accepted among the attacks that ran; 1 policy finding: .*\(exp-1\)\. But 2 forgery attacks could not run \(1: no key; 1: the search timed out\), so this verifier may still be forgeable\./);
  const policyOnly = probeDoc([rejected('a-1'), { ...info('exp-1', 'expired', 'policy'), state: 'accepted', status: 200, durationMs: 1 }]);
  assert.match(probeVerdict(policyOnly), /^Verdict: no forgery accepted; 1 policy finding: tokens the policy should refuse, none mintable without the signing key \(exp-1\)\. Coverage: all 2 attacks ran\.$/);
  const errored = probeDoc([rejected('a-1'), { ...info('c-1', 'slow'), state: 'errored', status: null, durationMs: 2000, error: 'timeout' }]);
  assert.match(probeVerdict(errored), /no forgery and no policy violation accepted \(1 rejected\). 1 attack errored/);
  assert.match(probeVerdict({ ...clean, control: { status: 401, durationMs: 1 } }), /inconclusive.*HTTP 401/);
  assert.match(probeVerdict(probeDoc([])), /no attack was sent/);
});

test('the chart: one bar per attack sent, coloured by state, skipped left out; compiles and renders', async () => {
  const doc = probeDoc();
  const spec = probeChart(doc);
  assert.ok(spec);
  const layers = (spec as { layer: { data: { values: Record<string, unknown>[] } }[] }).layer;
  const bars = layers[0]!.data.values;
  assert.equal(bars.length, ATTACKS.filter((a) => a.state !== 'skipped').length);
  assert.ok(!bars.some((b) => b.id === 'confusion-hs'), 'the skipped attack is not drawn');
  assert.deepEqual(bars.map((b) => b.state), ['FORGERY ACCEPTED', 'POLICY FINDING', 'errored', 'rejected', 'rejected']);
  assert.deepEqual(bars.map((b) => b.durationMs), [0.9, 1.2, 3.7, 1.4, 1.1], 'the times are the document\'s');
  assert.equal(layers[1]!.data.values[0]!.controlMs, doc.control.durationMs);

  // compile() ignores unknown properties, so check the spec against vega-lite's own JSON Schema too.
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  const vlSchema = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('vega-lite/vega-lite-schema.json')), 'utf8')) as object;
  const validVegaLite = addFormats(new Ajv({ strict: false, allowUnionTypes: true })).compile(vlSchema);
  assert.ok(validVegaLite(spec), JSON.stringify(validVegaLite.errors?.slice(0, 3)));
  const warnings: string[] = [];
  const logger = {
    level(): number { return 2; },
    error(...a: unknown[]) { warnings.push(`error: ${a.join(' ')}`); return logger; },
    warn(...a: unknown[]) { warnings.push(a.join(' ')); return logger; },
    info() { return logger; },
    debug() { return logger; },
  } as unknown as NonNullable<Parameters<typeof compile>[1]>['logger'];
  compile(spec, { logger });
  assert.deepEqual(warnings, [], 'vega-lite warnings');
  const svg = await renderSvg({ kind: 'chart', id: 'probe', title: 't', caption: 'c', spec });
  assert.match(svg, /role-mark/);

  assert.equal(probeChart(probeDoc([{ ...info('x-1', 'only skipped'), state: 'skipped', reason: 'no key', coverage: 'gap' }])), null, 'nothing sent: no chart');
});

test('jwtbench report with micro + probe files writes a report naming the probe target', async (t) => {
  const dir = await tempDir(t);
  const target = 'http://127.0.0.1:5999/api/orders';
  const probeFile = join(dir, 'probe.json');
  await writeFile(probeFile, JSON.stringify(probeDoc(ATTACKS, target)));
  const r = await runMain(['report', microFile, probeFile, '--out', join(dir, 'report.html')]);
  assert.equal(r.code, 0, r.stderr);
  const html = await readFile(join(dir, 'report.html'), 'utf8');
  assert.ok(html.includes(target), 'the HTML names the target');
  assert.ok(html.includes(PROBE_SECTION_TITLE));
  const md = await readFile(join(dir, 'summary.md'), 'utf8');
  assert.ok(md.includes('1 forged token ACCEPTED'));
  assert.ok(md.includes('1 policy finding'));

  const second = join(dir, 'second-probe.json');
  await writeFile(second, JSON.stringify(probeDoc()));
  const two = await runMain(['report', microFile, probeFile, second]);
  assert.equal(two.code, 2);
  assert.match(two.stderr, /two probe results files given/);
  assert.match((await runMain(['report', '--help'])).stdout, /probe\.json/);
});
