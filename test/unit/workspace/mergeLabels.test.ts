import * as assert from 'node:assert/strict';
import { addCategory, deleteCategory } from '../../../src/core/labeling/categoryOps';
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
});
