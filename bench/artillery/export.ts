// An Artillery test of a target, written as files: the YAML script, the token pool as a CSV
// payload, and jwtbench-export.json (what `artillery import` needs to name the run: the target,
// the token's header and length, the phase). No signing key or secret is written; tokens are.
import { join } from 'node:path';
import { writeFileAtomically } from '../../core/atomic-write.js';
import type { RunIdentity } from '../../core/results/load.js';
import { authHeaders } from '../../core/token-placement.js';
import type { Placement } from '../../core/token-placement.js';

export const EXPORT_FILES = { script: 'jwtbench-test.yml', tokens: 'tokens.csv', meta: 'jwtbench-export.json' } as const;

export type ExportTarget = NonNullable<RunIdentity['target']> & { token: NonNullable<NonNullable<RunIdentity['target']>['token']> };

/** What import reads back; versioned so an old export is refused, not misread. */
export interface ExportMeta {
  jwtbenchArtilleryExport: 1;
  target: ExportTarget;
  durationS: number;
  arrivalRatePerS: number;
  maxVusers: number;
  /** when the first token expires (its exp claim); null when it has none */
  tokensExpireAt: string | null;
  exportedAt: string;
}

export interface ExportSpec {
  dir: string;
  target: ExportTarget;
  placement: Placement;
  tokens: string[];
  durationS: number;
  arrivalRatePerS: number;
  maxVusers: number;
  tokensExpireAt: string | null;
}

/** A YAML scalar: JSON strings and numbers are valid YAML flow scalars. */
const q = (v: string | number) => JSON.stringify(v);

export function artilleryScript(s: Omit<ExportSpec, 'dir' | 'tokens' | 'tokensExpireAt'>): string {
  // The token comes from the CSV payload, one row per virtual user, in order.
  const headers = Object.entries(authHeaders(s.placement, '{{ token }}')).map(([k, v]) => `            ${q(k)}: ${q(v)}`);
  return [
    '# Written by `jwtbench artillery export`. Run it with ARTILLERY_DISABLE_TELEMETRY=1:',
    `#   artillery run ${EXPORT_FILES.script} --output report.json`,
    '# then: jwtbench artillery import report.json --test <this folder> --out <dir>',
    'config:',
    `  target: ${q(s.target.origin)}`,
    '  phases:',
    `    - name: ${q('jwtbench')}`,
    `      duration: ${q(s.durationS)}`,
    `      arrivalRate: ${q(s.arrivalRatePerS)}`,
    `      maxVusers: ${q(s.maxVusers)}`,
    '  http:',
    '    timeout: 10',
    '  payload:',
    `    path: ${q(EXPORT_FILES.tokens)}`,
    `    fields: [${q('token')}]`,
    `    order: ${q('sequence')}`,
    '    skipHeader: false',
    'scenarios:',
    `  - name: ${q('jwtbench target')}`,
    '    flow:',
    `      - ${s.target.method.toLowerCase()}:`,
    `          url: ${q(s.target.path)}`,
    '          headers:',
    ...headers,
    '',
  ].join('\n');
}

export async function writeArtilleryTest(s: ExportSpec): Promise<string[]> {
  const meta: ExportMeta = {
    jwtbenchArtilleryExport: 1, target: s.target, durationS: s.durationS, arrivalRatePerS: s.arrivalRatePerS, maxVusers: s.maxVusers,
    tokensExpireAt: s.tokensExpireAt, exportedAt: new Date().toISOString(),
  };
  const files: [string, string][] = [
    [EXPORT_FILES.tokens, `${s.tokens.join('\n')}\n`],
    [EXPORT_FILES.meta, `${JSON.stringify(meta, null, 2)}\n`],
    [EXPORT_FILES.script, artilleryScript(s)],
  ];
  // Tokens are credentials until they expire: readable by their owner only.
  for (const [name, text] of files) await writeFileAtomically(join(s.dir, name), text, { mode: name === EXPORT_FILES.tokens ? 0o600 : 0o644 });
  return files.map(([name]) => join(s.dir, name));
}
