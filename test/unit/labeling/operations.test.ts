import assert from 'node:assert/strict';
import { addCategory, deleteCategory, renameCategory } from '../../../src/core/labeling/categoryOps';
import { setClass, toggleClass } from '../../../src/core/labeling/classOps';
import { addDocuments, removeDocuments, setDataset } from '../../../src/core/labeling/documentOps';
import type { EntityAssets, LabelsFile, MultiLabelAssets, SingleLabelAssets } from '../../../src/core/labeling/model';
import { classesByDocument, newLabelsFile, spansOf } from '../../../src/core/labeling/model';
import { addSpan, findOccurrences, labelAllOccurrences, removeSpan } from '../../../src/core/labeling/spanOps';
import { classProject, entityProject, reason, value } from './fixtures';

const TEXT = 'Ada Lovelace met Charles Babbage in London.\r\nAda\twrote 😀 notes; London agreed.';
const L = TEXT.indexOf('London');
const spans = (file: LabelsFile, location = 'a.txt'): string[] =>
  spansOf((file.assets as EntityAssets).documents.find((d) => d.location === location)!).map(
    (s) => `${s.category}:${TEXT.slice(s.offset, s.offset + s.length)}@${s.offset}`,
  );

describe('labeling: operations', () => {
  describe('classes of documents', () => {
    it('sets and clears the class of a single-label document, leaving the input untouched', () => {
      const file = classProject('CustomSingleLabelClassification', [{ location: 'a.txt' }, { location: 'b.txt' }]);
      const labelled = value(setClass(file, 'a.txt', 'Sports'));
      assert.deepEqual(classesByDocument(labelled.assets!).get('a.txt'), ['Sports']);
      assert.deepEqual(classesByDocument(file.assets!).get('a.txt'), [], 'the original project is not changed');
      const changed = value(setClass(labelled, 'a.txt', 'Science'));
      assert.deepEqual(classesByDocument(changed.assets!).get('a.txt'), ['Science']);
      const cleared = value(setClass(changed, 'a.txt', undefined));
      assert.ok(!('class' in (cleared.assets as SingleLabelAssets).documents[0]!));
    });

    it('refuses unknown classes, unknown documents and the wrong project kind, saying what to do', () => {
      const single = classProject('CustomSingleLabelClassification', [{ location: 'a.txt' }]);
      assert.match(reason(setClass(single, 'a.txt', 'Cooking')), /not a class of this project; add the class first/);
      assert.match(reason(setClass(single, 'z.txt', 'Sports')), /z\.txt is not in the project; add the document first/);
      assert.match(reason(toggleClass(single, 'a.txt', 'Sports')), /multi-label/);
      const multi = classProject('CustomMultiLabelClassification', [{ location: 'a.txt' }]);
      assert.match(reason(setClass(multi, 'a.txt', 'Sports')), /single-label/);
    });

    it('toggles classes of a multi-label document', () => {
      const file = classProject('CustomMultiLabelClassification', [{ location: 'a.txt' }]);
      const one = value(toggleClass(file, 'a.txt', 'Science'));
      const two = value(toggleClass(one, 'a.txt', 'Sports'));
      assert.deepEqual(classesByDocument(two.assets!).get('a.txt'), ['Science', 'Sports']);
      const back = value(toggleClass(two, 'a.txt', 'Science'));
      assert.deepEqual((back.assets as MultiLabelAssets).documents[0]!.classes, [{ category: 'Sports' }]);
    });
  });

  describe('entity spans', () => {
    const empty = entityProject([{ location: 'a.txt' }]);

    it('adds a span, making a whole-document region when there is none', () => {
      const file = value(addSpan(empty, 'a.txt', TEXT, { category: 'Person', offset: 0, length: 12 }));
      const doc = (file.assets as EntityAssets).documents[0]!;
      assert.deepEqual(
        doc.entities?.map((r) => [r.regionOffset, r.regionLength]),
        [[0, TEXT.length]],
      );
      assert.deepEqual(spans(file), ['Person:Ada Lovelace@0']);
    });

    it('refuses overlapping, duplicate, whitespace, out-of-text and half-emoji spans with the reason', () => {
      const file = value(addSpan(empty, 'a.txt', TEXT, { category: 'Person', offset: 17, length: 15 }));
      assert.match(
        reason(addSpan(file, 'a.txt', TEXT, { category: 'Person', offset: 25, length: 10 })),
        /overlaps Person "Charles Babbage" at 17\+15; spans cannot overlap/,
      );
      assert.match(
        reason(addSpan(file, 'a.txt', TEXT, { category: 'City', offset: 17, length: 15 })),
        /already labelled Person/,
      );
      assert.match(
        reason(addSpan(file, 'a.txt', TEXT, { category: 'City', offset: 12, length: 1 })),
        /only whitespace/,
      );
      assert.match(
        reason(addSpan(file, 'a.txt', TEXT, { category: 'City', offset: TEXT.length - 2, length: 5 })),
        /past the end/,
      );
      const emoji = TEXT.indexOf('😀');
      assert.match(
        reason(addSpan(file, 'a.txt', TEXT, { category: 'City', offset: emoji + 1, length: 3 })),
        /surrogate pair/,
      );
      assert.match(
        reason(addSpan(file, 'a.txt', TEXT, { category: 'Airport', offset: 0, length: 3 })),
        /not an entity type/,
      );
      assert.match(
        reason(addSpan(file, 'a.txt', TEXT, { category: 'City', offset: 0, length: 0 })),
        /length of at least 1/,
      );
    });

    it('refuses a span outside every region of a document that has regions', () => {
      const file = entityProject([
        { location: 'a.txt', entities: [{ regionOffset: 0, regionLength: 10, labels: [] }] },
      ]);
      assert.match(
        reason(addSpan(file, 'a.txt', TEXT, { category: 'City', offset: L, length: 6 })),
        /outside every labelled region/,
      );
    });

    it('removes a span, and says so when there is none', () => {
      const file = value(addSpan(empty, 'a.txt', TEXT, { category: 'City', offset: L, length: 6 }));
      assert.deepEqual(spans(value(removeSpan(file, 'a.txt', { offset: L, length: 6 }))), []);
      assert.match(
        reason(removeSpan(file, 'a.txt', { offset: L, length: 6, category: 'Person' })),
        new RegExp(`no Person at ${L}\\+6`),
      );
    });

    it('labels every occurrence, whole words only when asked, and reports the ones it skips', () => {
      const first = value(addSpan(empty, 'a.txt', TEXT, { category: 'Person', offset: 0, length: 12 }));
      const result = value(labelAllOccurrences(first, 'a.txt', TEXT, 'Ada', 'Person', { wholeWord: true }));
      assert.deepEqual(
        result.added.map((s) => s.offset),
        [TEXT.indexOf('Ada\twrote')],
      );
      assert.equal(result.skipped.length, 1);
      assert.match(result.skipped[0]!.reason, /overlaps Person "Ada Lovelace"/);
      const cities = value(labelAllOccurrences(empty, 'a.txt', TEXT, 'london', 'City', { matchCase: false }));
      assert.deepEqual(spans(cities.file), [`City:London@${L}`, `City:London@${TEXT.lastIndexOf('London')}`]);
      assert.match(reason(labelAllOccurrences(empty, 'a.txt', TEXT, '  ', 'City')), /empty or only whitespace/);
    });

    it('finds whole words next to emoji, accents and tabs', () => {
      const text = 'café cafés\tcafé😀 xcafé';
      assert.deepEqual(findOccurrences(text, 'café', { wholeWord: true }), [0, 11]);
      assert.deepEqual(findOccurrences(text, 'café'), [0, 5, 11, 19]);
      assert.deepEqual(findOccurrences('aaa', 'aa'), [0]);
    });
  });

  describe('classes and entity types', () => {
    it('adds a class at the end, refusing duplicates and names that break the rules', () => {
      const file = classProject('CustomSingleLabelClassification', []);
      const added = value(addCategory(file, 'Arts'));
      assert.deepEqual(
        (added.assets as SingleLabelAssets).classes.map((c) => c.category),
        ['Sports', 'Politics', 'Science', 'Arts'],
      );
      assert.match(reason(addCategory(added, 'Arts')), /already has a class "Arts"/);
      assert.match(reason(addCategory(added, 'A/B')), /"\/" is not allowed/);
      assert.match(reason(addCategory(added, 'x'.repeat(51))), /at most 50 characters/);
      assert.match(reason(addCategory(added, ' ')), /empty/);
    });

    it('renames an entity type everywhere it is used', () => {
      let file = entityProject([{ location: 'a.txt' }, { location: 'b.txt' }]);
      file = value(addSpan(file, 'a.txt', TEXT, { category: 'City', offset: L, length: 6 }));
      const renamed = value(renameCategory(file, 'City', 'Place'));
      assert.deepEqual(
        (renamed.assets as EntityAssets).entities.map((e) => e.category),
        ['Person', 'Place'],
      );
      assert.deepEqual(spans(renamed), [`Place:London@${L}`]);
      assert.match(reason(renameCategory(renamed, 'Place', 'Person')), /already has an? entity type "Person"/);
      assert.match(reason(renameCategory(renamed, 'City', 'Town')), /no entity type "City"/);
    });

    it('deletes a class and says how many labels went with it', () => {
      const file = classProject('CustomMultiLabelClassification', [
        { location: 'a.txt', classes: [{ category: 'Sports' }, { category: 'Science' }] },
        { location: 'b.txt', classes: [{ category: 'Sports' }] },
        { location: 'c.txt', classes: [{ category: 'Politics' }] },
      ]);
      const deleted = value(deleteCategory(file, 'Sports'));
      assert.equal(deleted.labelsRemoved, 2);
      assert.equal(deleted.documentsTouched, 2);
      assert.deepEqual([...classesByDocument(deleted.file.assets!).values()], [['Science'], [], ['Politics']]);
    });

    it('deletes an entity type with its spans', () => {
      let file = entityProject([{ location: 'a.txt' }]);
      file = value(labelAllOccurrences(file, 'a.txt', TEXT, 'London', 'City')).file;
      file = value(addSpan(file, 'a.txt', TEXT, { category: 'Person', offset: 0, length: 12 }));
      const deleted = value(deleteCategory(file, 'City'));
      assert.equal(deleted.labelsRemoved, 2);
      assert.deepEqual(spans(deleted.file), ['Person:Ada Lovelace@0']);
    });
  });

  describe('documents', () => {
    it('adds documents, skipping those already listed and refusing paths outside the folder', () => {
      const file = newLabelsFile({
        projectName: 'P',
        projectKind: 'CustomEntityRecognition',
        language: 'en',
        storageInputContainerName: 'c',
      });
      assert.equal(file.projectFileVersion, '2023-04-01');
      const added = value(addDocuments(file, ['b.txt', 'sub/a.txt'], { language: 'en-us' }));
      assert.deepEqual(added.added, ['b.txt', 'sub/a.txt']);
      const again = value(addDocuments(added.file, ['b.txt', 'c.txt']));
      assert.deepEqual([again.added, again.alreadyListed], [['c.txt'], ['b.txt']]);
      assert.match(reason(addDocuments(file, ['../secret.txt'])), /inside the folder of the labels file/);
      assert.match(reason(addDocuments(file, ['C:\\x.txt'])), /use "\/" between folders/);
    });

    it('removes documents and counts the labels that go with them', () => {
      let file = entityProject([{ location: 'a.txt' }, { location: 'b.txt' }]);
      file = value(labelAllOccurrences(file, 'a.txt', TEXT, 'London', 'City')).file;
      const removed = value(removeDocuments(file, ['a.txt']));
      assert.equal(removed.labelsRemoved, 2);
      assert.deepEqual(
        (removed.file.assets as EntityAssets).documents.map((d) => d.location),
        ['b.txt'],
      );
      assert.match(reason(removeDocuments(file, ['zz.txt'])), /Not in the project: zz\.txt/);
    });

    it('puts documents in Train or Test, and back to the automatic split', () => {
      const file = classProject('CustomSingleLabelClassification', [{ location: 'a.txt' }, { location: 'b.txt' }]);
      const test = value(setDataset(file, ['a.txt'], 'Test'));
      assert.deepEqual(
        (test.assets as SingleLabelAssets).documents.map((d) => d.dataset),
        ['Test', undefined],
      );
      const auto = value(setDataset(test, ['a.txt'], undefined));
      assert.ok(!('dataset' in (auto.assets as SingleLabelAssets).documents[0]!));
      assert.match(reason(setDataset(file, ['q.txt'], 'Train')), /add the documents first/);
    });
  });
});
