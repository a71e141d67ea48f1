// The HTML report: one file that opens offline. vega, vega-lite and vega-embed are inlined
// from the installed packages and a Content-Security-Policy forbids every request, so the
// page works mailed, attached to a CI run, or opened from disk, and can fetch nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageInfo } from '../core/env.js';
import type { Block } from './blocks.js';
import { chartDataTable } from './html/chart-data.js';
import { PRINT_STYLE } from './html/print-style.js';
import { headingId, tocEntries } from './html/toc.js';

const BUNDLES = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
] as const;

function bundle(name: string, file: string): string {
  const info = packageInfo(name);
  if (!info) throw new Error(`${name} is not installed; run npm install`);
  // A literal "</script" inside the bundle would end the inline script early.
  return readFileSync(join(info.dir, file), 'utf8').replace(/<\/script/gi, '<\\/script');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function tableHtml(header: string[], rows: string[][]): string {
  return `<table><thead><tr>${header.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${
    rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** The table of contents goes after the title and the paragraph naming the inputs. */
function withToc(blocks: Block[], chartData: boolean): string[] {
  const html = blocks.map((b) => renderBlock(b, chartData));
  const toc = `<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>${tocEntries(blocks).map((e) => `<li><a href="#${e.id}">${escapeHtml(e.text)}</a></li>`).join('')}</ol></nav>`;
  const at = blocks.findIndex((b) => b.kind === 'heading' && b.level === 2);
  if (at > 0) html.splice(at, 0, toc);
  return html;
}

function renderBlock(block: Block, chartData: boolean): string {
  switch (block.kind) {
    case 'heading': return block.level === 2 ? `<h2 id="${headingId(block.text)}">${escapeHtml(block.text)}</h2>` : `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph': return `<p>${escapeHtml(block.text)}</p>`;
    case 'list': return `<ul>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'code': return `<pre>${escapeHtml(block.text)}</pre>`;
    case 'table': return tableHtml(block.header, block.rows);
    case 'chart': {
      const figure = `<figure><div class="chart" id="${escapeHtml(block.id)}" data-title="${escapeHtml(block.title)}"></div><figcaption>${escapeHtml(block.caption)}</figcaption></figure>`;
      if (!chartData) return figure;
      const data = chartDataTable(block.spec);
      return `${figure}<details class="chart-data" data-chart="${escapeHtml(block.id)}"><summary>data: ${escapeHtml(block.title)} (${data.rows.length} rows)</summary><div class="scroll">${tableHtml(data.header, data.rows)}</div></details>`;
    }
  }
}

const STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 980px; margin: 2rem auto; padding: 0 1rem; color: #1b1f24; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 13px; } th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; } th { background: #f6f8fa; }
figure { margin: 1.5rem 0; } figcaption { color: #57606a; font-size: 13px; }
pre { background: #f6f8fa; padding: .75rem; overflow-x: auto; font-size: 12px; }
.chart-error { color: #b42318; }${PRINT_STYLE}`;

export interface RenderOptions {
  /** canvas for pages of many points (SVG keeps a node per mark) */
  renderer?: 'svg' | 'canvas';
  /** each chart's numbers in a table behind a toggle (default true) */
  chartData?: boolean;
}

export function renderHtml(title: string, blocks: Block[], options: RenderOptions = {}): string {
  const charts = blocks.filter((b): b is Extract<Block, { kind: 'chart' }> => b.kind === 'chart').map((b) => ({ id: b.id, spec: b.spec }));
  const scripts = BUNDLES.map(([name, file]) => `<script>${bundle(name, file)}</script>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${withToc(blocks, options.chartData ?? true).join('\n')}
${scripts}
<script>
const charts = ${scriptJson(charts)};
for (const { id, spec } of charts) {
  vegaEmbed('#' + CSS.escape(id), spec, { actions: false, renderer: ${JSON.stringify(options.renderer ?? 'svg')} }).catch((error) => {
    const el = document.getElementById(id);
    el.className = 'chart-error';
    el.textContent = 'This chart could not be drawn: ' + error.message;
    console.error(error);
  });
}
</script>
</body>
</html>
`;
}
