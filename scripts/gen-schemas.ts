// Writes the published JSON Schemas (core/results/<name>.schema.json) from their TypeBox
// definitions. Run after changing a results document: npm run schemas.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { writeFileAtomically } from '../core/atomic-write.js';
import { PUBLISHED_SCHEMAS, renderSchema } from '../core/results/schemas.js';

const RESULTS_DIR = fileURLToPath(new URL('../../core/results/', import.meta.url));

for (const [name, schema] of Object.entries(PUBLISHED_SCHEMAS)) {
  const file = join(RESULTS_DIR, name);
  await writeFileAtomically(file, renderSchema(schema));
  process.stdout.write(`wrote ${file}\n`);
}
