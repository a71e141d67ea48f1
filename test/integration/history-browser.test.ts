// The history trend page in headless Chromium: every panel draws (canvas), no chart fails, and
// the page asks for nothing over the network. Skipped, and says so, without Debian's chromium.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { appendHistory } from '../../core/history/store.js';
import { HISTORY_SCHEMA_VERSION, type HistoryEntry } from '../../core/results/history.js';
import { syntheticEnv, syntheticRates } from '../../scripts/lib/synthetic-history.js';
import { runMain, tempDir } from '../support/helpers.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

test('the history page draws every series offline in headless Chromium', { skip: CHROMIUM ? false : 'no chromium at /usr/bin/chromium (apt-get install chromium); skipping only the browser test' }, async (t) => {
  const dir = await tempDir(t);
  const store = join(dir, 'history');
  const series = [0, 1, 2].map((s) => syntheticRates({ runs: 40, stepAt: 25, step: 0.1 * s, seed: 7 + s }));
  const entries = series[0]!.map((_, i): HistoryEntry => {
    const at = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
    return {
      schemaVersion: HISTORY_SCHEMA_VERSION, kind: 'history-entry', id: `run-${String(i).padStart(3, '0')}`, commit: `c${String(i).padStart(7, '0')}`, authorTime: at, branch: 'main',
      label: null, startedAt: at, addedAt: at, sources: ['synthetic'], environments: { 'env-test': syntheticEnv() },
      points: series.map((xs, s) => ({ case: `micro/S${s}/verify/jose/prepared/small/t1`, measure: 'time' as const, unit: 'ops/s', better: 'higher' as const, value: xs[i]!, interval: [xs[i]! * 0.98, xs[i]! * 1.02], env: 'env-test' })),
    };
  });
  await appendHistory(store, entries);
  const out = join(dir, 'history.html');
  const made = await runMain(['history', 'report', '--history', store, '--out', out]);
  assert.equal(made.code, 0, made.stderr);

  const browser = await chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const requests: string[] = [];
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(pathToFileURL(out).href);
  const ids = await page.$$eval('.chart', (els) => els.map((e) => e.id));
  assert.equal(ids.length, 3);
  for (const id of ids) await page.waitForSelector(`#${id} canvas`, { state: 'attached', timeout: 15_000 });
  assert.equal(await page.$$eval('.chart-error', (els) => els.length), 0);
  assert.match(await page.$eval('table', (e) => e.textContent ?? ''), /c0000025/, 'the 10% and 20% steps at run 26 are in the table');
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
});
