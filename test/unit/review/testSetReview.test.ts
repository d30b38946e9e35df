import assert from 'node:assert/strict';
import { pagedSchema } from '../../../src/contract/common';
import { documentEvaluationResultSchema } from '../../../src/contract/evaluation';
import type { DocumentEvaluationResult } from '../../../src/contract/evaluation';
import { buildTestSetReview, compareSpans, testDocument } from '../../../src/core/testSetReview';
import { exampleResponseBody } from '../../officialExamples';

const parse = (value: unknown): DocumentEvaluationResult => documentEvaluationResultSchema.parse(value);

describe('test-set review', () => {
  it('reads the official per-document evaluation example into rows, worst first', () => {
    const page = pagedSchema(documentEvaluationResultSchema).parse(
      exampleResponseBody('2023-04-01/examples/analyzetext-authoring/SuccessfulGetModelEvaluation.json'),
    );
    const { view, documents } = buildTestSetReview(page.value);
    assert.deepEqual(
      documents.map((d) => d.location),
      view.rows.map((r) => r.location),
      'the host’s documents are in the page’s order',
    );
    assert.equal(view.rows.length, page.value.length);
    const errors = view.rows.map((r) => r.falsePositives + r.falseNegatives);
    assert.deepEqual(
      errors,
      [...errors].sort((a, b) => b - a),
      'worst first',
    );
    assert.equal(view.mismatches, errors.filter((e) => e > 0).length);
  });

  it('counts entity spans: same place and category found, labeled only missed, predicted only spurious', () => {
    const row = testDocument(
      parse({
        projectKind: 'CustomEntityRecognition',
        location: 'doc1.txt',
        language: 'en-us',
        customEntityRecognitionResult: {
          entities: [
            {
              regionOffset: 0,
              regionLength: 100,
              expectedEntities: [
                { category: 'Date', offset: 0, length: 10 },
                { category: 'Name', offset: 20, length: 5 },
                { category: 'City', offset: 40, length: 6 },
              ],
              predictedEntities: [
                { category: 'Date', offset: 0, length: 10 },
                { category: 'City', offset: 20, length: 5 },
                { category: 'Name', offset: 60, length: 3 },
              ],
            },
          ],
        },
      }),
    );
    assert.deepEqual([row.truePositives, row.falsePositives, row.falseNegatives], [1, 2, 2]);
    const verdicts = compareSpans(row.expectedSpans, row.predictedSpans).map(
      (v) =>
        `${v.verdict}:${v.span.category}@${v.span.offset}${v.predictedAs === undefined ? '' : `→${v.predictedAs}`}`,
    );
    assert.deepEqual(verdicts, [
      'match:Date@0',
      'missed:Name@20→City',
      'spurious:City@20',
      'missed:City@40',
      'spurious:Name@60',
    ]);
  });

  it('counts classes of single- and multi-label documents, and sorts a right one after the wrong ones', () => {
    const wrong = parse({
      projectKind: 'CustomSingleLabelClassification',
      location: 'b.txt',
      language: 'en',
      customSingleLabelClassificationResult: { expectedClass: 'Sports', predictedClass: 'Politics' },
    });
    const right = parse({
      projectKind: 'customSingleLabelClassification',
      location: 'a.txt',
      language: 'en',
      customSingleLabelClassificationResult: { expectedClass: 'Sports', predictedClass: 'Sports' },
    });
    const multi = parse({
      projectKind: 'CustomMultiLabelClassification',
      location: 'c.txt',
      language: 'en',
      customMultiLabelClassificationResult: { expectedClasses: ['A', 'B'], predictedClasses: ['B', 'C', 'D'] },
    });
    const { view } = buildTestSetReview([right, wrong, multi]);
    assert.deepEqual(
      view.rows.map((r) => [r.location, r.truePositives, r.falsePositives, r.falseNegatives]),
      [
        ['c.txt', 1, 2, 1],
        ['b.txt', 0, 1, 1],
        ['a.txt', 1, 0, 0],
      ],
    );
    assert.equal(view.mismatches, 2);
    assert.deepEqual([view.rows[0]?.labeled, view.rows[0]?.predicted], ['A, B', 'B, C, D']);
  });
});
