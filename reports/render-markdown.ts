// The Markdown summary (for PR comments and wikis): the same blocks, charts as SVG files
// rendered in Node by vega and linked by relative path.
import { compile } from 'vega-lite';
import * as vega from 'vega';
import type { Block } from './blocks.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export async function renderSvg(spec: Block & { kind: 'chart' }): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec.spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Returns the Markdown and the SVG files it links to (relative path → contents). */
export async function renderMarkdown(blocks: Block[], chartDir: string): Promise<{ markdown: string; svgs: Map<string, string> }> {
  const svgs = new Map<string, string>();
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading': out.push(`${'#'.repeat(b.level)} ${b.text}`); break;
      case 'paragraph': out.push(b.text); break;
      case 'list': out.push(b.items.map((i) => `- ${i}`).join('\n')); break;
      case 'code': out.push(`\`\`\`\n${b.text}\n\`\`\``); break;
      case 'table':
        out.push([`| ${b.header.map(cell).join(' | ')} |`, `| ${b.header.map(() => '---').join(' | ')} |`, ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n'));
        break;
      case 'chart': {
        const path = `${chartDir}/${b.id}.svg`;
        svgs.set(path, await renderSvg(b));
        out.push(`![${b.title}](${path})\n\n*${b.caption}*`);
        break;
      }
    }
  }
  return { markdown: `${out.join('\n\n')}\n`, svgs };
}
