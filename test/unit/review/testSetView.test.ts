import assert from 'node:assert/strict';
import { pagedSchema } from '../../../src/contract/common';
import { documentEvaluationResultSchema } from '../../../src/contract/evaluation';
import type { DocumentEvaluationResult } from '../../../src/contract/evaluation';
import { ADVISED_TRAINING_EXAMPLES } from '../../../src/contract/limits';
import { reviewGuidance, trainingCountsOf } from '../../../src/core/reviewGuidance';
import {
  buildTestSetView,
  classMatrices,
  compareSpans,
  confusionDocuments,
  testDocument,
  verdictText,
} from '../../../src/core/testSetView';
import { createRandom } from '../../../src/service/engine/random';
import { exampleResponseBody } from '../../officialExamples';

const parse = (value: unknown): DocumentEvaluationResult => documentEvaluationResultSchema.parse(value);

const single = (location: string, expectedClass: string, predictedClass: string): DocumentEvaluationResult =>
  parse({
    projectKind: 'CustomSingleLabelClassification',
    location,
    language: 'en',
    customSingleLabelClassificationResult: { expectedClass, predictedClass },
  });

const multi = (location: string, expectedClasses: string[], predictedClasses: string[]): DocumentEvaluationResult =>
  parse({
    projectKind: 'CustomMultiLabelClassification',
    location,
    language: 'en',
    customMultiLabelClassificationResult: { expectedClasses, predictedClasses },
  });

const entityDocument = parse({
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
});

describe('test-set view', () => {
  it('reads the official per-document evaluation example into rows, worst first', () => {
    const page = pagedSchema(documentEvaluationResultSchema).parse(
      exampleResponseBody('2023-04-01/examples/analyzetext-authoring/SuccessfulGetModelEvaluation.json'),
    );
    const { view, documents } = buildTestSetView(page.value);
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

  it('compares entity spans: same place and category match, labeled only missed, predicted only spurious', () => {
    const d = testDocument(entityDocument);
    assert.deepEqual([d.truePositives, d.falsePositives, d.falseNegatives], [1, 2, 2]);
    const verdicts = compareSpans(d.expectedSpans, d.predictedSpans).map(
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
    assert.equal(verdictText('missed', 'Name', 'City'), 'Missed: labeled Name, predicted City');
    assert.equal(verdictText('spurious', 'Name', undefined), 'Spurious: predicted Name, not labeled');
    const { view } = buildTestSetView([entityDocument]);
    assert.deepEqual(
      [view.rows[0]?.labeled, view.rows[0]?.predicted],
      ['3 entities; missed City, Name', '3 entities; spurious City, Name'],
    );
  });

  it('puts each entity document in the confusion cells of its spans, "(none)" for a span on one side only', () => {
    const { documents } = buildTestSetView([entityDocument]);
    const labels = ['City', 'Date', 'Name', '(none)'];
    const cells = confusionDocuments(documents, labels);
    const listed = labels.flatMap((l, i) => labels.flatMap((p, j) => (cells[i]?.[j]?.length ? [`${l}→${p}`] : [])));
    assert.deepEqual(listed.sort(), ['City→(none)', 'Date→Date', 'Name→City', '(none)→Name'].sort());
  });

  it('counts a document of a few spans and one of hundreds alike: as many right, spurious and missed as its verdicts', () => {
    const random = createRandom(11);
    const categories = ['Date', 'Name', 'City'];
    for (const size of [5, 30, 33, 400]) {
      // Spans at distinct places; the model keeps some, changes the category of some, and adds some.
      const expected = Array.from({ length: size }, (_, k) => ({
        category: categories[k % 3] ?? 'Date',
        offset: k * 20,
        length: 5 + (k % 4),
      }));
      const predicted = expected
        .filter(() => random() < 0.8)
        .map((e) => (random() < 0.2 ? { ...e, category: e.category === 'Date' ? 'Name' : 'Date' } : e));
      for (let k = 0; k < size / 5; k++) predicted.push({ category: 'City', offset: k * 20 + 10, length: 3 });
      const row = testDocument(
        parse({
          projectKind: 'CustomEntityRecognition',
          location: `doc${size}.txt`,
          language: 'en',
          customEntityRecognitionResult: {
            entities: [
              { regionOffset: 0, regionLength: 20 * size, expectedEntities: expected, predictedEntities: predicted },
            ],
          },
        }),
      );
      const verdicts = compareSpans(expected, predicted);
      const count = (v: string): number => verdicts.filter((c) => c.verdict === v).length;
      assert.deepEqual(
        [row.truePositives, row.falsePositives, row.falseNegatives],
        [count('match'), count('spurious'), count('missed')],
        `${size} spans`,
      );
      assert.ok(row.falsePositives > 0 && row.falseNegatives > 0, `${size} spans: the model errs both ways`);
    }
  });

  it('counts classes of single- and multi-label documents, and sorts right ones after the wrong ones', () => {
    const { view, documents } = buildTestSetView([
      single('a.txt', 'Sports', 'Sports'),
      single('b.txt', 'Sports', 'Politics'),
      multi('c.txt', ['A', 'B'], ['B', 'C', 'D']),
    ]);
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
    const cells = confusionDocuments(documents, ['Politics', 'Sports']);
    assert.deepEqual(cells, [
      [[], []],
      [[1], [2]],
    ]);
  });

  it('gives a multi-label project a 2×2 matrix per class, counted in documents', () => {
    const { documents } = buildTestSetView([
      multi('1.txt', ['A'], ['A']),
      multi('2.txt', ['A', 'B'], ['B']),
      multi('3.txt', [], ['A']),
      multi('4.txt', ['B'], ['B']),
    ]);
    const [a, b] = classMatrices(documents, ['A', 'B']);
    assert.deepEqual([a?.truePositives, a?.falsePositives, a?.falseNegatives, a?.trueNegatives], [1, 1, 1, 1]);
    assert.deepEqual([b?.truePositives, b?.falsePositives, b?.falseNegatives, b?.trueNegatives], [2, 0, 0, 2]);
    const row = (location: string): number => documents.findIndex((d) => d.location === location);
    assert.deepEqual(a?.documents, { tp: [row('1.txt')], fp: [row('3.txt')], fn: [row('2.txt')] });
  });
});

describe('review guidance', () => {
  it('names a class missing from the test set, one with too few test or training examples, and unbalanced data', () => {
    const results = [
      ...Array.from({ length: 12 }, (_, i) => single(`big${i}.txt`, 'Big', 'Big')),
      single('small.txt', 'Small', 'Big'),
    ];
    const { documents } = buildTestSetView(results);
    const items = reviewGuidance({
      classes: ['Big', 'Small', 'Absent'],
      documents,
      trainingCounts: new Map(Object.entries({ Big: 200, Small: 8, Absent: 30 })),
    });
    const byKind = (kind: string): string[] => items.filter((i) => i.kind === kind).flatMap((i) => i.classes);
    assert.deepEqual(byKind('missingFromTest'), ['Absent']);
    assert.deepEqual(byKind('fewTest'), ['Small']);
    assert.deepEqual(byKind('fewTraining'), ['Small']);
    assert.deepEqual(byKind('unbalanced'), ['Big', 'Small']);
    const few = items.find((i) => i.kind === 'fewTest');
    assert.deepEqual(
      few?.documents.map((r) => documents[r]?.location),
      ['small.txt'],
      'it points to the documents to review',
    );
    assert.match(few.text, /^Only 1 test example of Small: .*Label more Small documents for testing\.$/);
  });

  it('names classes the model mixes up, both ways together, with the documents where it did', () => {
    const results = [
      single('1.txt', 'Cats', 'Dogs'),
      single('2.txt', 'Dogs', 'Cats'),
      single('3.txt', 'Cats', 'Dogs'),
      single('4.txt', 'Birds', 'Cats'),
      ...Array.from({ length: 6 }, (_, i) => single(`ok${i}.txt`, i % 2 ? 'Cats' : 'Dogs', i % 2 ? 'Cats' : 'Dogs')),
    ];
    const { documents } = buildTestSetView(results);
    const confused = reviewGuidance({ classes: ['Birds', 'Cats', 'Dogs'], documents }).filter(
      (i) => i.kind === 'confused',
    );
    assert.equal(confused.length, 1, 'a pair mixed up once is not listed');
    assert.deepEqual(confused[0]?.classes, ['Cats', 'Dogs']);
    assert.deepEqual(confused[0].documents.map((r) => documents[r]?.location).sort(), ['1.txt', '2.txt', '3.txt']);
    assert.match(confused[0].text, /^Cats and Dogs are mixed up 3 times/);
  });

  it('counts classes named like what every object has: constructor, __proto__, toString', () => {
    const results = [
      ...Array.from({ length: 20 }, (_, i) => single(`${i}.txt`, 'toString', 'toString')),
      single('x.txt', '__proto__', 'constructor'),
      single('y.txt', '__proto__', 'constructor'),
    ];
    const { documents } = buildTestSetView(results);
    const names = ['constructor', '__proto__', 'toString'];
    for (const trainingCounts of [
      undefined,
      new Map([
        ['toString', 200],
        ['__proto__', 3],
      ]),
    ]) {
      const items = reviewGuidance({ classes: names, documents, ...(trainingCounts ? { trainingCounts } : {}) });
      const text = items.map((i) => i.text).join('\n');
      assert.doesNotMatch(text, /function|native code|undefined|NaN/);
      assert.match(text, /__proto__ and constructor are mixed up 2 times/);
      assert.match(text, /Unbalanced data: toString has (20 test|200 training) examples, __proto__ only (2|3)\./);
      assert.match(text, /constructor is not in the test set/);
    }
  });

  it('says nothing of a balanced, well-tested set the model gets right', () => {
    const results = Array.from({ length: 20 }, (_, i) => single(`${i}.txt`, i % 2 ? 'A' : 'B', i % 2 ? 'A' : 'B'));
    const { documents } = buildTestSetView(results);
    assert.deepEqual(
      reviewGuidance({ classes: ['A', 'B'], documents, trainingCounts: new Map(Object.entries({ A: 40, B: 40 })) }),
      [],
    );
  });

  it('counts training examples from a labels file, leaving out the test documents', () => {
    const counts = trainingCountsOf(
      {
        projectKind: 'CustomEntityRecognition',
        entities: [{ category: 'Date' }, { category: 'Name' }],
        documents: [
          {
            location: 'train.txt',
            language: 'en-us',
            entities: [
              {
                regionOffset: 0,
                regionLength: 50,
                labels: [
                  { category: 'Date', offset: 0, length: 4 },
                  { category: 'Date', offset: 10, length: 4 },
                  { category: 'Name', offset: 20, length: 4 },
                ],
              },
            ],
          },
          {
            location: 'test.txt',
            language: 'en-us',
            entities: [{ regionOffset: 0, regionLength: 9, labels: [{ category: 'Name', offset: 0, length: 4 }] }],
          },
        ],
      },
      new Set(['test.txt']),
    );
    assert.deepEqual(Object.fromEntries(counts), { Date: 2, Name: 1 });
  });

  it('advises the same minimum of training examples as the labels file check', () => {
    const results = Array.from({ length: 20 }, (_, i) => single(`${i}.txt`, i % 2 ? 'A' : 'B', i % 2 ? 'A' : 'B'));
    const { documents } = buildTestSetView(results);
    const advised = ADVISED_TRAINING_EXAMPLES;
    const few = (counts: Record<string, number>) =>
      reviewGuidance({ classes: ['A', 'B'], documents, trainingCounts: new Map(Object.entries(counts)) }).filter(
        (i) => i.kind === 'fewTraining',
      );
    assert.deepEqual(few({ A: advised, B: advised }), [], 'the advised minimum is enough');
    const [item] = few({ A: advised - 1, B: advised });
    assert.equal(item?.classes[0], 'A');
    assert.match(
      item.text,
      new RegExp(`^Only ${advised - 1} training examples of A \\(at least ${advised} are advised\\)`),
    );
  });

  it('counts a category with no training example as 0, and a test-set label never as training', () => {
    const counts = trainingCountsOf(
      {
        projectKind: 'CustomSingleLabelClassification',
        classes: [{ category: 'Date' }, { category: 'Name' }],
        documents: [
          { location: 'a.txt', language: 'en-us', class: { category: 'Date' } },
          { location: 'b.txt', language: 'en-us', dataset: 'Train', class: { category: 'Name' } },
        ],
      },
      new Set(['b.txt']),
    );
    assert.deepEqual(Object.fromEntries(counts), { Date: 1, Name: 0 });
  });
});
