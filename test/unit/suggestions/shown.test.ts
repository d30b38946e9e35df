import assert from 'node:assert/strict';
import type { DocumentRow } from '../../../src/core/labeling/summary';
import {
  documentToOpen,
  shownAndHidden,
  suggestedInRow,
  suggestSummary,
  whyNoSuggestion,
} from '../../../src/core/suggestions/shown';
import type { DocumentSuggestions } from '../../../src/core/suggestions/suggestions';

const entity = (confidence: number, offset = 0) => ({ category: 'Date', offset, length: 4, confidence });
const suggestions = (...confidences: number[]): DocumentSuggestions => ({
  location: 'a.txt',
  entities: confidences.map((c, i) => entity(c, i * 10)),
  classes: [],
});

describe('suggestions shown and hidden below the threshold', () => {
  it('counts what is shown at the threshold apart from what it hides', () => {
    assert.deepEqual(shownAndHidden(suggestions(0.9, 0.5, 0.3, 0.1), 0.5), { shown: 2, hidden: 2 });
  });

  it('Suggest Labels counts what is shown, in how many documents, and says how to see the hidden', () => {
    const tally = { documents: 30, documentsShown: 4, shown: 10, hidden: 20, threshold: 0.5, skipped: [] };
    assert.equal(
      suggestSummary(tally),
      '10 suggestions shown in 4 of 30 documents; 20 more are below the threshold 0.5 (lower the customText.suggestions.threshold setting to see them). Accept with Alt+Y, reject with Alt+X (Alt+Shift+Y / Alt+Shift+X: the whole document).',
    );
    assert.equal(
      suggestSummary({ ...tally, shown: 0, documentsShown: 0, hidden: 1 }),
      'No suggestion shown in 30 documents: 1 is below the threshold 0.5 (lower the customText.suggestions.threshold setting to see it).',
    );
    assert.match(
      suggestSummary({ ...tally, hidden: 0, skipped: [{ location: 'b.txt', reason: 'it is empty' }] }),
      /^10 suggestions shown in 4 of 30 documents; 1 skipped \(b\.txt: it is empty\)\. Accept/,
    );
  });

  it('says why a key found no suggestion: none, all below the threshold, or the cursor elsewhere', () => {
    assert.equal(
      whyNoSuggestion('a.txt', undefined, 0.5, false),
      'a.txt has no suggestions: run Suggest Labels first.',
    );
    assert.equal(
      whyNoSuggestion('a.txt', suggestions(0.2, 0.4), 0.5, false),
      'No suggestion shown in a.txt: 2 are below the threshold 0.5 (lower the customText.suggestions.threshold setting to see them).',
    );
    assert.match(whyNoSuggestion('a.txt', suggestions(0.9), 0.5, false), /^Put the cursor on a suggestion/);
  });

  it('opens the first document in Label Next’s order that has a suggestion shown, or none', () => {
    const shownIn = new Set(['c.txt', 'd.txt']);
    assert.equal(documentToOpen(['a.txt', 'c.txt', 'd.txt'], ['a.txt', 'c.txt', 'd.txt'], shownIn), 'c.txt');
    assert.equal(documentToOpen(['a.txt'], ['a.txt', 'd.txt'], shownIn), 'd.txt', 'a labeled one, when it alone has');
    assert.equal(documentToOpen(['a.txt'], ['a.txt', 'b.txt'], shownIn), undefined);
  });

  it('a labeled document’s row shows its labels, not what the model suggests', () => {
    const row = (classes: string[], entities: number): DocumentRow => ({
      location: 'a.txt',
      listed: true,
      onDisk: true,
      classes,
      entities,
      dataset: undefined,
    });
    const suggested: DocumentSuggestions = {
      location: 'a.txt',
      entities: [],
      classes: [{ category: 'Sports', confidence: 0.8 }],
    };
    assert.equal(suggestedInRow(row([], 0), suggested), 'suggested Sports 80%');
    assert.equal(suggestedInRow(row(['Politics'], 0), suggested), undefined);
    assert.equal(suggestedInRow(row([], 2), suggestions(0.9)), undefined);
  });
});
