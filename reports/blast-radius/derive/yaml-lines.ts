// YAML read with line numbers: every finding names file:line, so the reader keeps the parsed
// documents (not plain objects) and asks them where a value sits.
import { readFile } from 'node:fs/promises';
import { JwtbenchError, errorMessage } from '../../../core/errors.js';

export interface YamlDoc {
  value: unknown;
  /** the 1-based line of the node at `path`, or of the document when there is none */
  line(path: readonly (string | number)[]): number;
}

export async function readText(file: string, flag: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new JwtbenchError('JWTBENCH_BAD_FLAG', `${flag} ${file}: cannot read it (${code === 'ENOENT' ? 'no such file (ENOENT)' : code ?? errorMessage(error)})`);
  }
}

/** Every document of a YAML file (a manifest may hold several), each with its line lookup. */
export async function readYamlDocs(file: string, flag: string): Promise<YamlDoc[]> {
  const text = await readText(file, flag);
  const { parseAllDocuments, LineCounter } = await import('yaml');
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  if (!Array.isArray(docs)) return [];
  return docs.map((doc) => {
    const error = doc.errors[0];
    if (error) throw new JwtbenchError('JWTBENCH_BAD_FLAG', `${flag} ${file}: not valid YAML (${error.message.split('\n')[0]})`);
    return {
      value: doc.toJS() as unknown,
      line(path) {
        const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
        return lines.linePos(node?.range?.[0] ?? 0).line;
      },
    };
  });
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
