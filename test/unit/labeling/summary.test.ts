import assert from 'node:assert/strict';
import { ADVISED_TRAINING_EXAMPLES } from '../../../src/contract/limits';
import { hotkey } from '../../../src/core/labeling/hotkeys';
import { onListedDocument } from '../../../src/core/labeling/listing';
import { setClass } from '../../../src/core/labeling/classOps';
import { classesByDocument } from '../../../src/core/labeling/model';
import type { DocumentFilter } from '../../../src/core/labeling/summary';
import {
  categoryDescription,
  documentRows,
  fewTrainingExamples,
  matchesFilter,
  neighbour,
  nextUnlabeled,
  projectRows,
  summarize,
} from '../../../src/core/labeling/summary';
import { classProject, entityProject, reason, value } from './fixtures';

describe('labeling: what the Labeling view shows', () => {
  const single = classProject('CustomSingleLabelClassification', [
    { location: 'b.txt', class: { category: 'Sports' }, dataset: 'Train' },
    { location: 'a.txt', class: { category: 'Science' }, dataset: 'Test' },
    { location: 'gone.txt' },
    { location: 'c.txt', dataset: 'Test' },
  ]);
  const onDisk = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'];

  it('lists listed and on-disk documents in location order, flagging unlisted and missing ones', () => {
    const rows = documentRows(single, onDisk);
    assert.deepEqual(
      rows.map(
        (r) =>
          `${r.location}:${r.listed ? 'listed' : 'unlisted'}:${r.onDisk ? 'disk' : 'missing'}:${r.classes.join('+')}`,
      ),
      [
        'a.txt:listed:disk:Science',
        'b.txt:listed:disk:Sports',
        'c.txt:listed:disk:',
        'd.txt:unlisted:disk:',
        'e.txt:unlisted:disk:',
        'gone.txt:listed:missing:',
      ],
    );
  });

  it('shows a document listed twice once, and sorts a hand-written file', () => {
    const file = classProject('CustomSingleLabelClassification', [
      { location: 'z.txt' },
      { location: 'a.txt', class: { category: 'Sports' } },
      { location: 'z.txt' },
    ]);
    assert.deepEqual(
      documentRows(file, ['m.txt', 'z.txt']).map((r) => r.location),
      ['a.txt', 'm.txt', 'z.txt'],
    );
  });

  it('counts documents per class and set, and the Train/Test distribution', () => {
    const summary = summarize(single, documentRows(single, onDisk));
    assert.equal(summary.documents, 6);
    assert.equal(summary.labeled, 2);
    assert.deepEqual(
      summary.categories.map((c) => [c.category, c.documents, c.train, c.test]),
      [
        ['Sports', 1, 1, 0],
        ['Politics', 0, 0, 0],
        ['Science', 1, 0, 1],
      ],
    );
    assert.deepEqual(summary.distribution, {
      train: { documents: 1, instances: 1 },
      test: { documents: 2, instances: 1 },
      unassigned: { documents: 3, instances: 0 },
    });
  });

  it('counts training examples as everything else does: labels outside the Test set, unassigned ones included', () => {
    const file = classProject('CustomSingleLabelClassification', [
      { location: 'a.txt', class: { category: 'Sports' } },
      { location: 'b.txt', class: { category: 'Sports' }, dataset: 'Train' },
      { location: 'c.txt', class: { category: 'Sports' }, dataset: 'Test' },
    ]);
    const [sports] = summarize(file, documentRows(file, [])).categories;
    assert.ok(sports);
    assert.deepEqual([sports.train, sports.test], [2, 1]);
    assert.equal(categoryDescription(sports, false), '3 documents · 2 for training · 1 in Test');
    assert.equal(
      fewTrainingExamples(sports),
      `Only 2 training examples of Sports (labels outside the Test set); at least ${ADVISED_TRAINING_EXAMPLES} are advised.`,
    );
    assert.equal(fewTrainingExamples({ ...sports, train: ADVISED_TRAINING_EXAMPLES }), undefined);
  });

  it('counts entity labels per type, in documents and in each set', () => {
    const file = entityProject([
      {
        location: 'a.txt',
        dataset: 'Train',
        entities: [
          {
            regionOffset: 0,
            regionLength: 20,
            labels: [
              { category: 'Person', offset: 0, length: 3 },
              { category: 'Person', offset: 5, length: 3 },
              { category: 'City', offset: 10, length: 3 },
            ],
          },
        ],
      },
      { location: 'b.txt' },
    ]);
    const rows = documentRows(file, ['a.txt', 'b.txt']);
    assert.deepEqual(
      rows.map((r) => r.entities),
      [3, 0],
    );
    const summary = summarize(file, rows);
    assert.deepEqual(
      summary.categories.map((c) => [c.category, c.instances, c.documents, c.train]),
      [
        ['Person', 2, 1, 2],
        ['City', 1, 1, 1],
      ],
    );
    assert.deepEqual(summary.distribution.train, { documents: 1, instances: 3 });
  });

  it('filters to unlabeled, Test and one class', () => {
    const rows = documentRows(single, onDisk);
    const shown = (filter: DocumentFilter): string[] =>
      rows.filter((r) => matchesFilter(r, filter)).map((r) => r.location);
    assert.deepEqual(shown({ kind: 'unlabeled' }), ['c.txt', 'd.txt', 'e.txt', 'gone.txt']);
    assert.deepEqual(shown({ kind: 'test' }), ['a.txt', 'c.txt']);
    assert.deepEqual(shown({ kind: 'category', category: 'Sports' }), ['b.txt']);
    assert.equal(shown({ kind: 'all' }).length, 6);
  });

  it('moves to the next unlabeled document, wrapping round and skipping missing ones', () => {
    const rows = documentRows(single, onDisk);
    assert.equal(nextUnlabeled(rows, undefined), 'c.txt');
    assert.equal(nextUnlabeled(rows, 'c.txt'), 'd.txt');
    assert.equal(nextUnlabeled(rows, 'e.txt'), 'c.txt', 'wraps round, past gone.txt which is not on disk');
    const allLabeled = documentRows(single, ['a.txt', 'b.txt']).filter((r) => r.classes.length > 0);
    assert.equal(nextUnlabeled(allLabeled, 'a.txt'), undefined);
  });

  it('moves to the previous and next document without wrapping', () => {
    const rows = documentRows(single, onDisk);
    assert.equal(neighbour(rows, 'b.txt', -1), 'a.txt');
    assert.equal(neighbour(rows, 'a.txt', -1), undefined);
    assert.equal(neighbour(rows, 'd.txt', 1), 'e.txt');
    assert.equal(neighbour(rows, 'e.txt', 1), undefined, 'gone.txt cannot be opened');
    assert.equal(neighbour(rows, undefined, 1), 'a.txt');
    assert.equal(neighbour(rows, undefined, -1), 'e.txt');
  });

  it('gives keys 1 to 9 then letters, none past the 35th', () => {
    assert.deepEqual([0, 8, 9, 34].map(hotkey), ['1', '9', 'a', 'z']);
    assert.equal(hotkey(35), undefined);
    assert.equal(hotkey(-1), undefined);
  });

  it('adds a document found on disk to the labels file when it is first labeled', () => {
    const labeled = value(onListedDocument(single, 'd.txt', (f) => setClass(f, 'd.txt', 'Politics')));
    assert.deepEqual(classesByDocument(labeled.assets!).get('d.txt'), ['Politics']);
    const added = (labeled.assets!.documents as { location: string; language?: string }[]).find(
      (d) => d.location === 'd.txt',
    );
    assert.equal(added?.language, 'en', 'in the project language');
    assert.match(reason(onListedDocument(single, '../x.txt', (f) => setClass(f, '../x.txt', 'Sports'))), /inside/);
  });
});

describe('labeling: the view at 10,000 documents', () => {
  const documents = Array.from({ length: 10_000 }, (_, i) => ({
    location: `doc ${String(i).padStart(5, '0')}.txt`,
    ...(i % 3 === 0 ? { class: { category: i % 9 === 0 ? 'Sports' : 'Politics' } } : {}),
    ...(i % 5 === 0 ? { dataset: 'Test' } : {}),
  }));
  const file = classProject('CustomSingleLabelClassification', documents);
  const onDisk = documents.map((d) => d.location);

  it('patches the rows of the documents a label change touches, giving what a full count gives', () => {
    const before = projectRows(file, onDisk);
    const changed = value(setClass(file, 'doc 00001.txt', 'Science'));
    const patched = projectRows(changed, onDisk, before);
    assert.equal(patched.index, before.index, 'patched, not made again');
    assert.deepEqual(patched.rows, documentRows(changed, onDisk));
    assert.deepEqual(before.rows, documentRows(file, onDisk), 'the previous rows are left as they were');
    const added = projectRows(changed, [...onDisk, 'new.txt'], patched);
    assert.equal(added.rows.length, 10_001, 'a new list of documents on disk counts again');
  });

  it('reflects a label change of a 10,000-document project well within 50 ms', () => {
    let rows = projectRows(file, onDisk);
    let current = file;
    const times: number[] = [];
    for (let run = 0; run < 7; run++) {
      const start = performance.now();
      current = value(setClass(current, `doc ${String(run).padStart(5, '0')}.txt`, 'Science'));
      rows = projectRows(current, onDisk, rows);
      summarize(current, rows.rows);
      nextUnlabeled(rows.rows, rows.rows[5000]?.location);
      times.push(performance.now() - start);
    }
    const median = times.sort((a, b) => a - b)[3] ?? Infinity;
    assert.ok(median < 50, `took ${median.toFixed(1)} ms`);
  });
});
