import * as assert from 'node:assert/strict';
import type { DocumentResult, TaskResult } from '../../../src/api/schemas/normalized';
import { colorsByCategory } from '../../../src/core/entityColors';
import { buildResultView, folderRow, segmentText } from '../../../src/core/resultView';
import { ENTITY_COLOR_COUNT } from '../../../src/core/entityColors';

/** One document's result and the task it came from. */
const analyzed = (
  kind: TaskResult['kind'],
  document: DocumentResult,
): { task: TaskResult; document: DocumentResult } => ({
  task: { kind, status: 'succeeded', projectName: 'Loans', deploymentName: 'prod', documents: [document] },
  document,
});

describe('result view', () => {
  it('cuts text into plain and entity runs at UTF-16 offsets, emoji and CRLF included', () => {
    const text = 'Pay 👩‍👩‍👧 $5,000\r\nto Contoso Ltd.';
    const amount = text.indexOf('$5,000');
    const org = text.indexOf('Contoso Ltd.');
    const segments = segmentText(text, [
      { index: 1, offset: org, length: 'Contoso Ltd.'.length },
      { index: 0, offset: amount, length: 6 },
      { index: 2, offset: org, length: 7 }, // Overlaps entity 1: only in the table.
    ]);
    assert.deepEqual(segments, [
      { text: 'Pay 👩‍👩‍👧 ' },
      { text: '$5,000', entityIndex: 0 },
      { text: '\r\nto ' },
      { text: 'Contoso Ltd.', entityIndex: 1 },
    ]);
    assert.equal(segments.map((s) => s.text).join(''), text, 'the runs put back together are the text');
  });

  it('gives each category a color of its own that does not depend on the order entities come in', () => {
    const loan = ['Date', 'BorrowerName', 'BorrowerAddress', 'BorrowerCity', 'BorrowerState', 'LenderName'];
    const more = [...loan, 'LenderAddress', 'LenderCity', 'LenderState', 'LoanAmountWords', 'LoanAmountNumbers'];
    const all = colorsByCategory([...more, 'Interest', 'Date']);
    assert.equal(new Set(all.values()).size, 12, 'twelve categories, twelve colors');
    for (const c of all.values()) assert.ok(c >= 1 && c <= ENTITY_COLOR_COUNT);
    assert.deepEqual(
      colorsByCategory([...more, 'Interest'].reverse()),
      all,
      'the order they are found in does not matter',
    );
    // Run after run, and in a result where the category is alone, a category keeps its color when nothing
    // else claims it.
    const alone = colorsByCategory(['Date']).get('Date');
    assert.equal(colorsByCategory(['Date', 'Zebra']).get('Date'), alone);
  });

  it('sorts classes by confidence and keeps warnings and errors as notes', () => {
    const view = buildResultView({
      ...analyzed('CustomMultiLabelClassification', {
        id: '1',
        classes: [
          { category: 'Drama', confidenceScore: 0.4 },
          { category: 'Action', confidenceScore: 0.9 },
        ],
        warnings: [{ code: 'LongWordsInDocument', message: 'Some words are long.' }],
      }),
      text: 'A story.',
      title: 'movie.txt',
      offsetBase: 0,
    });
    assert.deepEqual(
      view.classes.map((c) => c.category),
      ['Action', 'Drama'],
    );
    assert.deepEqual(view.notes, ['Warning LongWordsInDocument: Some words are long.']);
    assert.equal(view.source, 'Loans / prod');
  });

  it('resolves health-style relations to the entities’ text', () => {
    const view = buildResultView({
      ...analyzed('CustomHealthcare', {
        id: '1',
        entities: [
          { text: '100mg', category: 'Dosage', offset: 0, length: 5, confidenceScore: 0.9 },
          {
            text: 'ibuprofen',
            category: 'MedicationName',
            offset: 6,
            length: 9,
            confidenceScore: 0.95,
            assertion: { certainty: 'positive' },
            name: 'Ibuprofen',
            links: [{ dataSource: 'UMLS', id: 'C0020740' }],
          },
        ],
        relations: [
          {
            relationType: 'DosageOfMedication',
            confidenceScore: 0.88,
            roles: [
              { role: 'Dosage', entityIndex: 0 },
              { role: 'Medication', entityIndex: 1 },
            ],
          },
        ],
        warnings: [],
      }),
      text: '100mg ibuprofen',
      title: 'note.txt',
      offsetBase: 10,
    });
    assert.deepEqual(
      view.relations[0]?.roles.map((r) => r.text),
      ['100mg', 'ibuprofen'],
    );
    assert.deepEqual(view.entities[1]?.assertion, { certainty: 'positive' });
    assert.equal(view.entities[1].links?.[0]?.id, 'C0020740');
    assert.equal(view.offsetBase, 10);
  });

  it('sums up a file of a folder: top three classes, entities per category, or why it has no result', () => {
    const classes = ['a', 'b', 'c', 'd'].map((category, i) => ({ category, confidenceScore: i / 10 }));
    assert.deepEqual(
      folderRow('x.txt', { id: '0', classes, warnings: [] }).classes.map((c) => c.category),
      ['d', 'c', 'b'],
    );
    const entity = (category: string) => ({ text: 't', category, offset: 0, length: 1, confidenceScore: 1 });
    const row = folderRow('y.txt', {
      id: '1',
      entities: [entity('Date'), entity('Name'), entity('Date')],
      warnings: [],
    });
    assert.deepEqual(row.entityCounts, { Date: 2, Name: 1 });
    assert.deepEqual(row.entityTexts, { Date: ['t'], Name: ['t'] }, 'each text once per category');
    assert.equal(folderRow('z.txt', undefined, 'Empty: nothing to analyze').problem, 'Empty: nothing to analyze');
    const failed = folderRow('w.txt', { id: '2', warnings: [], error: { code: 'InvalidDocument', message: 'Bad.' } });
    assert.equal(failed.problem, 'InvalidDocument: Bad.');
  });

  it('sums up entities of categories named like what every object has: constructor, __proto__, toString', () => {
    const entity = (category: string, text: string) => ({ text, category, offset: 0, length: 1, confidenceScore: 1 });
    const row = folderRow('y.txt', {
      id: '1',
      entities: [
        entity('constructor', 'a'),
        entity('__proto__', 'b'),
        entity('toString', 'c'),
        entity('toString', 'd'),
      ],
      warnings: [],
    });
    assert.deepEqual(Object.entries(row.entityCounts), [
      ['constructor', 1],
      ['__proto__', 1],
      ['toString', 2],
    ]);
    assert.deepEqual(Object.entries(row.entityTexts), [
      ['constructor', ['a']],
      ['__proto__', ['b']],
      ['toString', ['c', 'd']],
    ]);
    // What the results panel receives: the same rows after a round trip through JSON.
    const sent = JSON.parse(JSON.stringify(row)) as typeof row;
    assert.deepEqual(Object.keys(sent.entityTexts), ['constructor', '__proto__', 'toString']);
  });
});
