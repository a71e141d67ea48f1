// The page's table of contents: one entry per section heading, linked by an id made from its text.
import type { Block } from '../blocks.js';

export function headingId(text: string): string {
  return `s-${text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

export function tocEntries(blocks: Block[]): { id: string; text: string }[] {
  return blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.level === 2).map((b) => ({ id: headingId(b.text), text: b.text }));
}
