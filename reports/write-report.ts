// Writes the report: the HTML page, summary.md and decision.md beside it, and the SVG charts summary.md links to.
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomically } from '../core/atomic-write.js';
import { buildReport } from './build-report.js';
import { decisionRecord } from './decision-record.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import type { ReportInputs } from './report-inputs.js';

export async function writeReport(inputs: ReportInputs, htmlPath: string): Promise<{ html: string; markdown: string; decision: string }> {
  const { title, blocks } = buildReport(inputs);
  const dir = dirname(htmlPath);
  const { markdown, svgs } = await renderMarkdown(blocks, 'charts');
  for (const [path, svg] of svgs) await writeFileAtomically(join(dir, path), svg);
  // charts/ is this report's: an SVG an earlier report left there would be read as this one's.
  const written = new Set([...svgs.keys()].map((p) => basename(p)));
  const there = await readdir(join(dir, 'charts')).catch(() => [] as string[]);
  for (const name of there) if (name.endsWith('.svg') && !written.has(name)) await rm(join(dir, 'charts', name), { force: true });
  const markdownPath = join(dir, 'summary.md');
  await writeFileAtomically(markdownPath, markdown);
  const decisionPath = join(dir, 'decision.md');
  await writeFileAtomically(decisionPath, decisionRecord(inputs));
  await writeFileAtomically(htmlPath, renderHtml(title, blocks));
  return { html: htmlPath, markdown: markdownPath, decision: decisionPath };
}
