import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { misfit, readSavedResult } from '../../../src/core/savedResult';
import { exampleResponseBody } from '../../officialExamples';

const saved = join(__dirname, '../../../../test/integration/fixtures/workspace/saved-results');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(saved, name), 'utf8'));

describe('saved analyze-text results', () => {
  it('reads the official 2023-04-01 job example, keeping its custom tasks only', () => {
    const result = readSavedResult(
      exampleResponseBody('2023-04-01/examples/SuccessfulAnalyzeTextJobsMultipleTaskStatusRequest.json'),
    );
    assert.equal(result.shape, 'GA (2022-05-01 or 2023-04-01)');
    assert.ok(result.documents.length > 0);
    assert.ok(result.documents.every((d) => d.task.kind.startsWith('Custom')));
  });

  it('reads the 2022-05-01 runtime spelling (lastUpdateDateTime) as the same shape', () => {
    const body = fixture('ga-2023-04-01.json') as Record<string, unknown>;
    const { lastUpdatedDateTime, ...rest } = body;
    const result = readSavedResult({ ...rest, lastUpdateDateTime: lastUpdatedDateTime });
    assert.equal(result.shape, 'GA (2022-05-01 or 2023-04-01)');
    assert.equal(result.documents[0]?.document.id, 'billing 1.txt');
  });

  it('reads a saved 2022-05-01 single-label job (lastUpdateDateTime, "class") as the GA shape', () => {
    const result = readSavedResult(fixture('ga-2022-05-01.json'));
    assert.equal(result.shape, 'GA (2022-05-01 or 2023-04-01)');
    assert.equal(result.documents[0]?.task.kind, 'CustomSingleLabelClassification');
    assert.deepEqual(
      result.documents[0].document.classes?.map((c) => c.category),
      ['billing'],
    );
  });

  it('tells the two previews of the 2021 quickstart apart', () => {
    const ct1 = readSavedResult(fixture('legacy-v3.1-preview.ct.1.json'));
    assert.equal(ct1.shape, 'legacy v3.1-preview.ct.1');
    assert.equal(ct1.documents[0]?.task.kind, 'CustomMultiLabelClassification');
    assert.deepEqual(
      ct1.documents[0].document.classes?.map((c) => c.category),
      ['billing', 'technical'],
    );
    const p2 = readSavedResult(fixture('legacy-v3.2-preview.2.json'));
    assert.equal(p2.shape, 'legacy v3.2-preview.2');
    assert.equal(p2.documents[0]?.task.kind, 'CustomEntityRecognition');
    assert.equal(p2.documents[0].document.entities?.length, 2);
  });

  it('refuses what is no job, and a result that does not fit the text, saying why', () => {
    assert.throws(() => readSavedResult({ documents: [] }), /not a saved analyze-text job result: it has no "tasks"/);
    const ga = readSavedResult(fixture('ga-2023-04-01.json'));
    const doc = ga.documents[0]!.document;
    assert.equal(misfit(doc, 'My invoice for March charged me twice. Please refund the duplicate payment.'), undefined);
    assert.match(misfit(doc, 'My invoice for April charged me twice.') ?? '', /"March" \(Month\) at 15 reads "April"/);
    assert.match(misfit(doc, 'short') ?? '', /past the end of this text \(5 characters\)/);
  });
});
