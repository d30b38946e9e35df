// Writes schemas/labels-file.schema.json from the zod schema of a labels file (src/contract/labelsJsonSchema.ts).
// Run after `npm run compile-tests`: node scripts/generate-labels-schema.mjs
// A unit test fails when the committed file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { labelsFileJsonSchemaText } = require(path.join(root, 'out', 'src', 'contract', 'labelsJsonSchema.js'));
const target = path.join(root, 'schemas', 'labels-file.schema.json');
writeFileSync(target, labelsFileJsonSchemaText());
console.log(`wrote ${path.relative(root, target)}`);
