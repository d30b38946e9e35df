import assert from 'node:assert/strict';
import { addResultAsLabels } from '../../../src/core/labeling/resultLabels';
import type { EntityAssets } from '../../../src/core/labeling/model';
import { classesByDocument, spansOf } from '../../../src/core/labeling/model';
import { applyReplacements, redactionEdits, redactions } from '../../../src/core/redaction';
import { resultJson } from '../../../src/core/resultJson';
import type { ResultView } from '../../../src/core/views';
import { classProject, entityProject } from '../labeling/fixtures';

const TEXT = 'Ada Lovelace 😀 lent money to Charles Babbage in London.';
const at = (word: string): number => TEXT.indexOf(word);

describe('results applied to the document', () => {
  it('redacts each entity by its category, by blocks of its length, or by a mask, merging overlaps', () => {
    const entities = [
      { category: 'City', offset: at('London'), length: 6 },
      { category: 'Person', offset: at('Ada'), length: 12 },
      { category: 'Person', offset: at('Charles'), length: 15 },
      { category: 'First', offset: at('Charles'), length: 7 },
    ];
    assert.equal(
      applyReplacements(TEXT, redactions(entities, { kind: 'category' })),
      '[Person] 😀 lent money to [Person] in [City].',
    );
    const blocks = applyReplacements(TEXT, redactions(entities, { kind: 'blocks' }));
    assert.equal(blocks.length, TEXT.length, 'blocks keep offsets');
    assert.equal(
      applyReplacements(TEXT, redactions(entities, { kind: 'text', text: '***' })),
      '*** 😀 lent money to *** in ***.',
    );
    assert.equal(redactions(entities, { kind: 'category' }).length, 3, 'the overlapping pair is one edit');
  });

  it('copies the result as JSON with offsets in the document', () => {
    const view: ResultView = {
      title: 'a.txt',
      source: 'Loans / prod',
      kind: 'CustomEntityRecognition',
      offsetBase: 100,
      classes: [],
      entities: [{ index: 0, category: 'City', text: 'London', offset: 5, length: 6, confidence: 0.9, color: 1 }],
      relations: [],
      segments: [],
      notes: [],
    };
    const json = JSON.parse(resultJson(view)) as { entities: { offset: number; confidenceScore: number }[] };
    assert.equal(json.entities[0]?.offset, 105);
    assert.equal(json.entities[0].confidenceScore, 0.9);
  });

  it('adds entities as accepted suggestions, listing the document, never over a user label or outside the project', () => {
    const file = entityProject([
      {
        location: 'a.txt',
        entities: [
          { regionOffset: 0, regionLength: TEXT.length, labels: [{ category: 'Person', offset: 0, length: 3 }] },
        ],
      },
    ]);
    const result = {
      entities: [
        { category: 'Person', offset: 0, length: 12, confidence: 0.9 }, // overlaps the user's "Ada"
        { category: 'City', offset: at('London'), length: 6, confidence: 0.2 }, // low confidence still counts
        { category: 'Money', offset: at('money'), length: 5, confidence: 0.9 }, // not an entity type of the project
      ],
      classes: [],
    };
    const added = addResultAsLabels(file, 'a.txt', TEXT, result);
    assert.equal(added.added, 1);
    assert.equal(added.skipped, 2);
    const doc = (added.file.assets as EntityAssets).documents.find((d) => d.location === 'a.txt')!;
    assert.deepEqual(
      spansOf(doc).map((s) => `${s.category}@${s.offset}+${s.length}`),
      ['Person@0+3', `City@${at('London')}+6`],
      "the user's Person label is kept as it was",
    );
    const fresh = addResultAsLabels(file, 'b.txt', TEXT, result);
    const listed = (fresh.file.assets as EntityAssets).documents.find((d) => d.location === 'b.txt');
    assert.ok(listed, 'listed first');
    assert.deepEqual(
      spansOf(listed).map((s) => s.category),
      ['Person', 'City'],
    );
    assert.equal(fresh.added, 2);
  });

  it('adds classes without replacing the class a user gave', () => {
    const single = classProject('CustomSingleLabelClassification', [
      { location: 'a.txt', class: { category: 'Sports' } },
      { location: 'b.txt' },
    ]);
    const kept = addResultAsLabels(single, 'a.txt', TEXT, {
      entities: [],
      classes: [{ category: 'Politics', confidence: 0.8 }],
    });
    assert.equal(kept.added, 0);
    assert.equal(kept.skipped, 1);
    assert.deepEqual(classesByDocument(kept.file.assets!).get('a.txt'), ['Sports']);
    const set = addResultAsLabels(single, 'b.txt', TEXT, {
      entities: [],
      classes: [
        { category: 'Politics', confidence: 0.8 },
        { category: 'Sports', confidence: 0.1 },
      ],
    });
    assert.deepEqual(classesByDocument(set.file.assets!).get('b.txt'), ['Politics']);
    const multi = classProject('CustomMultiLabelClassification', [
      { location: 'a.txt', classes: [{ category: 'Sports' }] },
    ]);
    const both = addResultAsLabels(multi, 'a.txt', TEXT, {
      entities: [],
      classes: [
        { category: 'Sports', confidence: 0.9 },
        { category: 'Science', confidence: 0.7 },
        { category: 'Cooking', confidence: 0.7 },
      ],
    });
    assert.deepEqual(classesByDocument(both.file.assets!).get('a.txt'), ['Sports', 'Science'], 'Sports stays');
    assert.equal(both.added, 1);
  });

  it('computes redaction edits as line and character ranges in text with emoji and CRLF line breaks', () => {
    const text = 'Dear 😀 Ada,\r\nLondon 👩‍👩‍👧 owes\r\n\r\nCharles £5.\n';
    const entities = [
      { category: 'Person', offset: text.indexOf('Ada'), length: 3 },
      { category: 'City', offset: text.indexOf('London'), length: 6 },
      { category: 'Person', offset: text.indexOf('Charles'), length: 7 },
    ];
    const computed = redactionEdits(text, text, 0, entities, { kind: 'category' });
    assert.ok('edits' in computed, JSON.stringify(computed));
    assert.deepEqual(computed.edits, [
      { start: { line: 0, character: 8 }, end: { line: 0, character: 11 }, text: '[Person]' },
      { start: { line: 1, character: 0 }, end: { line: 1, character: 6 }, text: '[City]' },
      { start: { line: 3, character: 0 }, end: { line: 3, character: 7 }, text: '[Person]' },
    ]);
    // Applying the edits by lines gives the same text as by offsets.
    const lines = text.split(/\r\n|\n/);
    for (const e of [...computed.edits].reverse()) {
      const line = lines[e.start.line]!;
      lines[e.start.line] = line.slice(0, e.start.character) + e.text + line.slice(e.end.character);
    }
    assert.equal(
      lines.join('\r\n').replace(/\r\n$/, '\n'),
      applyReplacements(text, redactions(entities, { kind: 'category' })),
    );
  });

  it('places the edits of an analyzed selection by its offset in the document', () => {
    const document = 'Header 😀\r\nAda met Charles.\r\n';
    const selection = 'Ada met Charles.';
    const base = document.indexOf(selection);
    const computed = redactionEdits(document, selection, base, [{ category: 'Person', offset: 8, length: 7 }], {
      kind: 'text',
      text: '***',
    });
    assert.ok('edits' in computed);
    assert.deepEqual(computed.edits, [
      { start: { line: 1, character: 8 }, end: { line: 1, character: 15 }, text: '***' },
    ]);
  });

  it('refuses to redact a changed text, a span outside it, or one that cuts an emoji or a CRLF in two', () => {
    const text = 'Ada 😀 met\r\nCharles.';
    const person = [{ category: 'Person', offset: 0, length: 3 }];
    assert.match(refusal(redactionEdits(`Draft. ${text}`, text, 0, person, { kind: 'category' })), /no longer holds/);
    assert.match(
      refusal(redactionEdits(text, text, 0, [{ category: 'X', offset: 10, length: 40 }], { kind: 'category' })),
      /outside the analyzed text/,
    );
    const emoji = text.indexOf('😀');
    assert.match(
      refusal(redactionEdits(text, text, 0, [{ category: 'X', offset: emoji + 1, length: 3 }], { kind: 'category' })),
      /splits a character in two/,
    );
    const crlf = text.indexOf('\r\n');
    assert.match(
      refusal(redactionEdits(text, text, 0, [{ category: 'X', offset: crlf - 3, length: 4 }], { kind: 'category' })),
      /splits a line break/,
    );
  });
});

function refusal(result: { edits: unknown[] } | { refused: string }): string {
  return 'refused' in result ? result.refused : 'no refusal';
}
