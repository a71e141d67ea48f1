// The report as a list of blocks, rendered twice: to the self-contained HTML page and to the
// Markdown summary. Text is plain (escaped by each renderer), never pasted-in markup.
import type { TopLevelSpec } from 'vega-lite';

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'chart'; id: string; title: string; caption: string; spec: TopLevelSpec }
  | { kind: 'code'; text: string };

export const h = (level: 1 | 2 | 3, text: string): Block => ({ kind: 'heading', level, text });
export const p = (text: string): Block => ({ kind: 'paragraph', text });
export const list = (items: string[]): Block => ({ kind: 'list', items });
export const table = (header: string[], rows: string[][]): Block => ({ kind: 'table', header, rows });
