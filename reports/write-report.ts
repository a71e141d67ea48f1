// Writes the report: the HTML page, summary.md and decision.md beside it, and the SVG charts summary.md links to.
import { dirname, join } from 'node:path';
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
  const markdownPath = join(dir, 'summary.md');
  await writeFileAtomically(markdownPath, markdown);
  const decisionPath = join(dir, 'decision.md');
  await writeFileAtomically(decisionPath, decisionRecord(inputs));
  await writeFileAtomically(htmlPath, renderHtml(title, blocks));
  return { html: htmlPath, markdown: markdownPath, decision: decisionPath };
}
