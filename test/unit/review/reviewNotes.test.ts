import * as assert from 'node:assert/strict';
import { CLASS_NOTES_BUDGET, classNotes, classVerdicts, spanNote, verdictMarks } from '../../../src/core/reviewNotes';

describe('review notes after text (which VS Code never wraps)', () => {
  it('marks an error span with one glyph, the category and verdict left to the hover; a match with none', () => {
    assert.equal(spanNote('match'), undefined);
    assert.equal(spanNote('missed'), '✗');
    assert.equal(spanNote('spurious'), '+');
    assert.equal(new Set(Object.values(verdictMarks)).size, 3, 'each verdict its own glyph');
  });

  it('sorts a document’s classes into matched, missed and predicted only', () => {
    assert.deepEqual(classVerdicts(['Sports', 'Politics'], ['Sports', 'Weather']), [
      { category: 'Sports', verdict: 'match' },
      { category: 'Politics', verdict: 'missed' },
      { category: 'Weather', verdict: 'spurious' },
    ]);
  });

  it('names the classes while that is short, else shows their glyphs alone', () => {
    assert.deepEqual(classNotes(classVerdicts(['Sports'], ['Sports', 'Art'])), ['✓ Sports', '+ Art']);
    const many = classVerdicts(['Electrical_engineering', 'Computer_science'], ['Mechanical_engineering']);
    const notes = classNotes(many);
    assert.deepEqual(notes, ['✗', '✗', '+']);
    assert.ok(classNotes(classVerdicts(['A'.repeat(40)], [])).join(' ').length <= CLASS_NOTES_BUDGET);
  });
});
