import assert from 'node:assert/strict';
import type { EntityAssets, LabelsFile } from '../../../src/core/labeling/model';
import { classesByDocument, spansOf } from '../../../src/core/labeling/model';
import {
  aboveThreshold,
  acceptAll,
  acceptSuggestion,
  suggestionAt,
  suggestionsFor,
  suggestionsInWords,
  without,
} from '../../../src/core/suggestions/suggestions';
import { certainty, labelNextOrder } from '../../../src/core/suggestions/uncertainty';
import { classProject, entityProject, reason, value } from '../labeling/fixtures';

const TEXT = 'Ada Lovelace met Charles Babbage in London and Paris.';
const at = (word: string): { offset: number; length: number; text: string } => ({
  offset: TEXT.indexOf(word),
  length: word.length,
  text: word,
});
const entity = (word: string, category: string, confidenceScore: number) => ({
  ...at(word),
  category,
  confidenceScore,
});
const spans = (file: LabelsFile, location = 'a.txt'): string[] =>
  spansOf((file.assets as EntityAssets).documents.find((d) => d.location === location)!).map(
    (s) => `${s.category}:${TEXT.slice(s.offset, s.offset + s.length)}`,
  );

describe('suggestions', () => {
  const labelled = entityProject([
    {
      location: 'a.txt',
      entities: [
        { regionOffset: 0, regionLength: TEXT.length, labels: [{ category: 'Person', ...at('Ada Lovelace') }] },
      ],
    },
  ]);

  it('keeps predictions at or above the threshold that touch no label, and drops overlaps with labels', () => {
    const s = suggestionsFor(
      labelled,
      'a.txt',
      TEXT,
      {
        entities: [
          entity('Lovelace', 'Person', 0.99),
          entity('Charles Babbage', 'Person', 0.9),
          entity('London', 'City', 0.6),
          entity('Paris', 'City', 0.3),
          entity('met', 'Country', 0.95),
        ],
      },
      0.5,
    );
    assert.deepEqual(
      s.entities.map((e) => `${e.category}:${TEXT.slice(e.offset, e.offset + e.length)}`),
      ['Person:Charles Babbage', 'City:London'],
      'overlapping the label, under the threshold and an unknown type are left out',
    );
  });

  it('keeps the more confident of two overlapping predictions', () => {
    const s = suggestionsFor(
      entityProject([{ location: 'a.txt' }]),
      'a.txt',
      TEXT,
      { entities: [entity('Charles', 'Person', 0.6), entity('Charles Babbage', 'Person', 0.8)] },
      0,
    );
    assert.deepEqual(
      s.entities.map((e) => e.length),
      ['Charles Babbage'.length],
    );
  });

  it('accepting makes a label through the label operations; rejecting leaves the labels file as it was', () => {
    const s = suggestionsFor(labelled, 'a.txt', TEXT, { entities: [entity('London', 'City', 0.7)] }, 0.5);
    const suggestion = { kind: 'entity' as const, entity: s.entities[0]! };
    const accepted = value(acceptSuggestion(labelled, 'a.txt', TEXT, suggestion));
    assert.deepEqual(spans(accepted), ['Person:Ada Lovelace', 'City:London']);
    assert.deepEqual(spans(labelled), ['Person:Ada Lovelace'], 'the input is untouched');
    assert.equal(without(s, suggestion).entities.length, 0);
    assert.match(reason(acceptSuggestion(accepted, 'a.txt', TEXT, suggestion)), /already labelled/);
  });

  it('accepts every suggestion of a document at once, listing a document the project did not have yet', () => {
    const empty = entityProject([]);
    const s = suggestionsFor(
      empty,
      'new.txt',
      TEXT,
      { entities: [entity('Paris', 'City', 0.9), entity('Ada Lovelace', 'Person', 0.8)] },
      0.5,
    );
    const all = acceptAll(empty, TEXT, s);
    assert.equal(all.accepted, 2);
    assert.deepEqual(all.refused, []);
    assert.deepEqual(spans(all.file, 'new.txt'), ['Person:Ada Lovelace', 'City:Paris']);
  });

  it('Accept All refuses, with the reason, a suggestion that would overlap a label made since', () => {
    const s = {
      location: 'a.txt',
      entities: [
        { category: 'Person', ...at('Lovelace'), confidence: 0.9 },
        { category: 'City', ...at('Paris'), confidence: 0.8 },
      ],
      classes: [],
    };
    const all = acceptAll(labelled, TEXT, s);
    assert.equal(all.accepted, 1);
    assert.match(all.refused[0]?.reason ?? '', /overlaps a label/);
    assert.deepEqual(spans(all.file), ['Person:Ada Lovelace', 'City:Paris']);
  });

  it('never replaces the class of a single-label document, and suggests the top class of an unlabeled one', () => {
    const file = classProject('CustomSingleLabelClassification', [
      { location: 'a.txt', class: { category: 'Sports' } },
      { location: 'b.txt' },
    ]);
    const prediction = {
      classes: [
        { category: 'Politics', confidenceScore: 0.7 },
        { category: 'Science', confidenceScore: 0.2 },
      ],
    };
    assert.deepEqual(suggestionsFor(file, 'a.txt', 'x', prediction, 0.5).classes, []);
    const b = suggestionsFor(file, 'b.txt', 'x', prediction, 0.5);
    assert.deepEqual(b.classes, [{ category: 'Politics', confidence: 0.7 }]);
    const accepted = value(acceptSuggestion(file, 'b.txt', 'x', { kind: 'class', suggestion: b.classes[0]! }));
    assert.deepEqual(classesByDocument(accepted.assets!).get('b.txt'), ['Politics']);
    assert.match(
      reason(acceptSuggestion(file, 'a.txt', 'x', { kind: 'class', suggestion: b.classes[0]! })),
      /never replaces/,
    );
  });

  it('adds to a multi-label document only the classes it lacks; a higher threshold hides the less sure', () => {
    const file = classProject('CustomMultiLabelClassification', [
      { location: 'a.txt', classes: [{ category: 'Sports' }] },
    ]);
    const s = suggestionsFor(
      file,
      'a.txt',
      'x',
      {
        classes: [
          { category: 'Sports', confidenceScore: 0.9 },
          { category: 'Science', confidenceScore: 0.8 },
          { category: 'Politics', confidenceScore: 0.55 },
        ],
      },
      0.5,
    );
    assert.deepEqual(
      s.classes.map((c) => c.category),
      ['Science', 'Politics'],
    );
    assert.deepEqual(
      aboveThreshold(s, 0.7).classes.map((c) => c.category),
      ['Science'],
    );
    const all = acceptAll(file, 'x', s);
    assert.deepEqual(classesByDocument(all.file.assets!).get('a.txt'), ['Sports', 'Science', 'Politics']);
  });

  it('says in a few words what is suggested for a document, for its row in the Labeling view', () => {
    const none = { location: 'a.txt', entities: [], classes: [] };
    assert.equal(suggestionsInWords(undefined), undefined);
    assert.equal(suggestionsInWords(none), undefined);
    assert.equal(
      suggestionsInWords({
        ...none,
        classes: [
          { category: 'Comedy', confidence: 0.716 },
          { category: 'Drama', confidence: 0.5 },
        ],
      }),
      'suggested Comedy 72%, Drama 50%',
    );
    const entity = { category: 'Date', offset: 0, length: 4, confidence: 0.9 };
    assert.equal(suggestionsInWords({ ...none, entities: [entity] }), '1 suggested entity');
    assert.equal(
      suggestionsInWords({ ...none, entities: [entity, { ...entity, offset: 10 }] }),
      '2 suggested entities',
    );
  });

  it('finds the suggestion under an offset', () => {
    const s = suggestionsFor(labelled, 'a.txt', TEXT, { entities: [entity('London', 'City', 0.7)] }, 0.5);
    assert.equal(suggestionAt(s, TEXT.indexOf('London') + 2)?.category, 'City');
    assert.equal(suggestionAt(s, 0), undefined);
  });
});

describe('suggestions: Label Next order', () => {
  it('puts an unsure outlier after an unsure document typical of the rest', () => {
    const typical = 'the borrower pays the lender the loan amount with interest';
    const ranked = labelNextOrder('CustomSingleLabelClassification', [
      {
        location: 'outlier.txt',
        text: 'zebra quantum violin',
        prediction: { classes: [{ category: 'A', confidenceScore: 0.3 }] },
      },
      { location: 'typical.txt', text: typical, prediction: { classes: [{ category: 'A', confidenceScore: 0.4 }] } },
      {
        location: 'like.txt',
        text: `${typical} on time`,
        prediction: { classes: [{ category: 'A', confidenceScore: 0.9 }] },
      },
    ]);
    assert.equal(ranked[0]?.location, 'typical.txt');
  });

  it('orders single-label documents of the same kind by their top class probability', () => {
    const text = 'the loan of the borrower';
    const ranked = labelNextOrder('CustomSingleLabelClassification', [
      { location: 'sure.txt', text, prediction: { classes: [{ category: 'A', confidenceScore: 0.95 }] } },
      { location: 'unsure.txt', text, prediction: { classes: [{ category: 'B', confidenceScore: 0.4 }] } },
      { location: 'middle.txt', text, prediction: { classes: [{ category: 'A', confidenceScore: 0.7 }] } },
    ]);
    assert.deepEqual(
      ranked.map((r) => r.location),
      ['unsure.txt', 'middle.txt', 'sure.txt'],
    );
  });

  it('takes the predicted classes in turns, the worthiest of each class first', () => {
    const text = 'the loan of the borrower';
    const doc = (location: string, category: string, confidenceScore: number) => ({
      location,
      text,
      prediction: { classes: [{ category, confidenceScore }] },
    });
    const ranked = labelNextOrder('CustomSingleLabelClassification', [
      doc('a1.txt', 'A', 0.3),
      doc('a2.txt', 'A', 0.35),
      doc('a3.txt', 'A', 0.4),
      doc('b1.txt', 'B', 0.8),
      doc('b2.txt', 'B', 0.9),
      doc('c1.txt', 'C', 0.6),
    ]);
    // Least certain first would take every A before any other class.
    assert.deepEqual(
      ranked.map((r) => r.location),
      ['a1.txt', 'c1.txt', 'b1.txt', 'a2.txt', 'b2.txt', 'a3.txt'],
    );
    assert.deepEqual(
      ranked.map((r) => r.certainty),
      [0.3, 0.6, 0.8, 0.35, 0.9, 0.4],
    );
  });

  it('groups multi-label documents by their likeliest class, and one without a class apart', () => {
    const text = 'a family drama about a detective';
    const ranked = labelNextOrder('CustomMultiLabelClassification', [
      {
        location: 'drama-1.txt',
        text,
        prediction: {
          classes: [
            { category: 'Crime', confidenceScore: 0.55 },
            { category: 'Drama', confidenceScore: 0.9 },
          ],
        },
      },
      { location: 'drama-2.txt', text, prediction: { classes: [{ category: 'Drama', confidenceScore: 0.6 }] } },
      { location: 'crime.txt', text, prediction: { classes: [{ category: 'Crime', confidenceScore: 0.8 }] } },
      { location: 'none.txt', text, prediction: { classes: [] } },
    ]);
    // none.txt (no class: no certainty) leads. drama-1.txt is a Drama (its likeliest class) whose Crime is near the
    // threshold; crime.txt, the surest, still comes before a second Drama.
    assert.deepEqual(
      ranked.map((r) => r.location),
      ['none.txt', 'drama-1.txt', 'crime.txt', 'drama-2.txt'],
    );
  });

  it('puts a multi-label class near the threshold first, and entities of low mean confidence first', () => {
    assert.ok(
      certainty('CustomMultiLabelClassification', { classes: [{ category: 'A', confidenceScore: 0.52 }] }) <
        certainty('CustomMultiLabelClassification', { classes: [{ category: 'A', confidenceScore: 0.97 }] }),
    );
    const e = (c: number) => ({ text: 'x', category: 'A', offset: 0, length: 1, confidenceScore: c });
    const text = 'a loan agreement between two people';
    const ranked = labelNextOrder('CustomEntityRecognition', [
      { location: 'b.txt', text, prediction: { entities: [e(0.9), e(0.8)] } },
      { location: 'a.txt', text, prediction: { entities: [e(0.9), e(0.4)] } },
      { location: 'none.txt', text, prediction: { entities: [] } },
    ]);
    assert.deepEqual(
      ranked.map((r) => r.location),
      ['none.txt', 'a.txt', 'b.txt'],
    );
  });
});
