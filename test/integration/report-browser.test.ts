// The report in a real browser: headless Chromium opens it from a file URL with every network
// request blocked, and each chart must draw marks with no console error.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { runCli, runMain, tempDir } from '../support/helpers.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

test('the report renders every chart offline in headless Chromium', { skip: CHROMIUM ? false : 'no chromium at /usr/bin/chromium (apt-get install chromium); skipping only the browser test' }, async (t) => {
  const dir = await tempDir(t);
  // ML-DSA-44 on noble-pq too, so the post-quantum section is drawn
  const micro = await runCli(['micro', '--preset', 'smoke', '--threads', '1,2', '--algs', 'HS256,ES256,ML-DSA-44', '--engines', 'jose,node,noble-pq', '--out', dir]);
  assert.equal(micro.code, 0, micro.stderr);
  assert.equal((await runCli(['load', '--preset', 'smoke', '--duration', '0.5', '--out', dir])).code, 0);
  const made = await runMain(['report', dir]);
  assert.equal(made.code, 0, made.stderr);

  const browser = await chromium.launch({
    executablePath: CHROMIUM!,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(join(dir, 'report.html')).href);
  const ids = await page.$$eval('.chart', (els) => els.map((e) => e.id));
  assert.ok(ids.length >= 6, `charts found: ${ids.join(', ')}`);
  assert.ok(ids.some((id) => id.includes('pq-cost')), `the post-quantum chart is on the page: ${ids.join(', ')}`);
  for (const id of ids) {
    await page.waitForSelector(`#${id} svg`, { state: 'attached', timeout: 15_000 });
    // Data marks only: axes, legends and titles are drawn with the same mark classes.
    const marks = await page.$eval(`#${id} svg`, (svg) => [...svg.querySelectorAll('.mark-symbol path, .mark-rect path, .mark-line path, .mark-rule line, .mark-text text, .mark-area path')]
      .filter((el) => el.closest('.role-axis, .role-legend, .role-title, .role-axis-grid') === null).length);
    assert.ok(marks > 0, `chart ${id} drew no data marks`);
  }
  assert.equal(await page.$$eval('.chart-error', (els) => els.length), 0);
  // In the test's temporary folder, removed after it; the path is printed for a look meanwhile.
  const shot = join(dir, 'report.png');
  await page.screenshot({ path: shot, fullPage: true });
  t.diagnostic(`screenshot: ${shot}`);
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, [], 'the page made no network request');
  assert.ok(existsSync(shot));
});
