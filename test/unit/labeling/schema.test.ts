import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { labelsFileJsonSchema, labelsFileJsonSchemaText } from '../../../src/contract/labelsJsonSchema';

const COMMITTED = path.resolve(__dirname, '..', '..', '..', '..', 'schemas', 'labels-file.schema.json');

interface Node {
  properties?: Record<string, Node>;
  oneOf?: Node[];
  pattern?: string;
  description?: string;
}

describe('labeling: JSON schema of labels files', () => {
  it('the committed schema is what scripts/generate-labels-schema.mjs writes', () => {
    assert.equal(readFileSync(COMMITTED, 'utf8'), labelsFileJsonSchemaText());
  });

  it('accepts project kinds and datasets in any casing, and describes fields for hovers', () => {
    const schema = labelsFileJsonSchema() as Node;
    const kind = new RegExp(schema.properties!.metadata!.properties!.projectKind!.pattern!);
    assert.ok(kind.test('customMultiLabelClassification') && kind.test('CustomEntityRecognition'));
    assert.ok(!kind.test('CustomHealthcare'));
    const multi = schema.properties!.assets!.oneOf![1]!;
    const doc = (multi.properties!.documents as { items: Node }).items;
    assert.ok(new RegExp(doc.properties!.dataset!.pattern!).test('test'));
    assert.match(doc.properties!.location!.description!, /inside the container/);
  });
});
