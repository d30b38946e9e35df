import assert from 'node:assert/strict';
import { addResultAsLabels } from '../../../src/core/labeling/resultLabels';
import type { EntityAssets } from '../../../src/core/labeling/model';
import { classesByDocument, spansOf } from '../../../src/core/labeling/model';
import { applyReplacements, redactions } from '../../../src/core/redaction';
import { resultJson } from '../../../src/core/resultJson';
import type { ResultView } from '../../../src/core/views';
import { classProject, entityProject, value } from '../labeling/fixtures';

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

  it('adds entities as spans, listing the document, and skips what would touch a user label or is unknown', () => {
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
        { category: 'Person', offset: 0, length: 12 }, // overlaps the user's "Ada"
        { category: 'City', offset: at('London'), length: 6 },
        { category: 'Money', offset: at('money'), length: 5 }, // not an entity type of the project
      ],
      classes: [],
    };
    const added = value(addResultAsLabels(file, 'a.txt', TEXT, result));
    assert.equal(added.added, 1);
    assert.equal(added.skipped.length, 2);
    assert.match(added.skipped.join('\n'), /overlaps/);
    assert.match(added.skipped.join('\n'), /"Money" is not an entity type/);
    const doc = (added.file.assets as EntityAssets).documents.find((d) => d.location === 'a.txt')!;
    assert.deepEqual(
      spansOf(doc).map((s) => `${s.category}@${s.offset}`),
      ['Person@0', `City@${at('London')}`],
    );
    const fresh = value(addResultAsLabels(file, 'b.txt', TEXT, result));
    assert.ok(
      (fresh.file.assets as EntityAssets).documents.some((d) => d.location === 'b.txt'),
      'listed first',
    );
    assert.equal(fresh.added, 2);
  });

  it('adds classes without replacing the class a user gave', () => {
    const single = classProject('CustomSingleLabelClassification', [
      { location: 'a.txt', class: { category: 'Sports' } },
      { location: 'b.txt' },
    ]);
    const kept = value(addResultAsLabels(single, 'a.txt', TEXT, { entities: [], classes: ['Politics'] }));
    assert.equal(kept.added, 0);
    assert.deepEqual(classesByDocument(kept.file.assets!).get('a.txt'), ['Sports']);
    const set = value(addResultAsLabels(single, 'b.txt', TEXT, { entities: [], classes: ['Politics', 'Sports'] }));
    assert.deepEqual(classesByDocument(set.file.assets!).get('b.txt'), ['Politics']);
    const multi = classProject('CustomMultiLabelClassification', [
      { location: 'a.txt', classes: [{ category: 'Sports' }] },
    ]);
    const both = value(addResultAsLabels(multi, 'a.txt', TEXT, { entities: [], classes: ['Sports', 'Science'] }));
    assert.deepEqual(classesByDocument(both.file.assets!).get('a.txt'), ['Sports', 'Science'], 'Sports stays');
  });
});
