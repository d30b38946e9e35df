import * as assert from 'node:assert/strict';
import { addCategory, deleteCategory, renameCategory } from '../../../src/core/labeling/categoryOps';
import { setClass } from '../../../src/core/labeling/classOps';
import { categoriesOf, classesByDocument } from '../../../src/core/labeling/model';
import { mergeLabels } from '../../../src/workspace/mergeLabels';
import { classProject, value } from '../labeling/fixtures';

const base = classProject('CustomSingleLabelClassification', [{ location: 'a.txt' }, { location: 'b.txt' }]);

describe('merging two versions of a labels file', () => {
  it('takes each side’s documents and joins the classes both added, without bringing back one deleted', () => {
    const mine = value(
      setClass(value(addCategory(value(deleteCategory(base, 'Science')).file, 'Mine')), 'a.txt', 'Mine'),
    );
    const theirs = value(setClass(value(addCategory(base, 'Theirs')), 'b.txt', 'Theirs'));
    const merged = mergeLabels(base, mine, theirs);
    assert.ok(merged.ok);
    assert.deepEqual(merged.fromDisk, ['b.txt']);
    assert.deepEqual(categoriesOf(merged.file.assets!), ['Sports', 'Politics', 'Mine', 'Theirs']);
    assert.deepEqual(Object.fromEntries(classesByDocument(merged.file.assets!)), {
      'a.txt': ['Mine'],
      'b.txt': ['Theirs'],
    });
  });

  it('calls the same document labeled differently on both sides a conflict, and the same label no conflict', () => {
    const mine = value(setClass(base, 'a.txt', 'Sports'));
    assert.deepEqual(mergeLabels(base, mine, value(setClass(base, 'a.txt', 'Politics'))), {
      ok: false,
      documents: ['a.txt'],
      reason: 'the same documents were labeled differently on both sides',
    });
    assert.equal(mergeLabels(base, mine, value(setClass(base, 'a.txt', 'Sports'))).ok, true);
  });

  it('keeps a class deleted or renamed on the other side gone, and keeps what this side added', () => {
    const mine = value(setClass(value(addCategory(base, 'Mine')), 'a.txt', 'Sports'));
    const deleted = mergeLabels(base, mine, value(deleteCategory(base, 'Politics')).file);
    assert.ok(deleted.ok);
    assert.deepEqual(categoriesOf(deleted.file.assets!), ['Sports', 'Science', 'Mine']);
    const renamed = mergeLabels(base, mine, value(renameCategory(base, 'Science', 'Biology')));
    assert.ok(renamed.ok);
    assert.deepEqual(categoriesOf(renamed.file.assets!), ['Sports', 'Politics', 'Mine', 'Biology']);
  });

  it('calls a class deleted on one side but given to a document on the other a conflict', () => {
    const mine = value(setClass(base, 'a.txt', 'Science'));
    assert.deepEqual(mergeLabels(base, mine, value(deleteCategory(base, 'Science')).file), {
      ok: false,
      documents: ['a.txt'],
      reason: 'a label deleted on one side was used on the other',
    });
  });

  it('does not merge a file that lists a document twice, on any side', () => {
    const twice = classProject('CustomSingleLabelClassification', [
      { location: 'a.txt' },
      { location: 'b.txt', class: { category: 'Sports' } },
      { location: 'b.txt' },
    ]);
    const mine = value(setClass(base, 'a.txt', 'Sports'));
    for (const [b, m, t] of [
      [base, mine, twice],
      [twice, mine, base],
      [base, twice, mine],
    ] as const)
      assert.deepEqual(mergeLabels(b, m, t), {
        ok: false,
        documents: ['b.txt'],
        reason: 'a document is listed twice in the file',
      });
  });
});
