import * as assert from 'node:assert/strict';
import { blobContainerNameFor, isBlobContainerName } from '../../../src/core/blobContainerName';
import { describeSync, labelsHashOf, parseSyncState, sha256, withRecord } from '../../../src/core/syncState';
import type { SyncRecord } from '../../../src/core/syncState';

const record = (over: Partial<SyncRecord>): SyncRecord => ({
  connectionId: 'a',
  connectionName: 'Azure',
  projectName: 'P',
  op: 'push',
  at: '2026-12-02T10:42:00.000Z',
  labelsHash: sha256('x'),
  ...over,
});

describe('push and pull state', () => {
  it('says per connection whether the workspace copy still matches, and when it was pushed or pulled', () => {
    const now = new Date('2026-12-02T12:00:00.000Z');
    const records = [
      record({}),
      record({ connectionId: 'l', connectionName: 'Local', op: 'pull', labelsHash: 'other' }),
    ];
    const text = describeSync(records, sha256('x'), now) ?? '';
    assert.match(text, /^Azure: in sync, pushed \d\d:\d\d · Local: changed since pull \d\d:\d\d$/);
    assert.equal(describeSync([], sha256('x'), now), undefined);
    assert.match(describeSync([record({})], sha256('x'), new Date('2026-12-09T00:00:00Z')) ?? '', /pushed 2026-12-02 /);
  });

  it('keeps one record per connection and drops a malformed state', () => {
    const state = withRecord(withRecord({}, '/p.labels.json', record({})), '/p.labels.json', record({ op: 'pull' }));
    assert.deepEqual(
      state['/p.labels.json']?.map((r) => r.op),
      ['pull'],
    );
    assert.deepEqual(parseSyncState({ '/p': [{ nope: 1 }] }), {});
    assert.deepEqual(parseSyncState(undefined), {});
  });

  it('hashes the canonical form: the same labels formatted by hand hash the same', () => {
    const file = {
      projectFileVersion: '2022-05-01',
      stringIndexType: 'Utf16CodeUnit',
      metadata: {
        projectKind: 'CustomSingleLabelClassification',
        projectName: 'P',
        storageInputContainerName: 'p-docs',
        language: 'en',
      },
      assets: { projectKind: 'CustomSingleLabelClassification', classes: [{ category: 'A' }], documents: [] },
    };
    assert.equal(labelsHashOf(JSON.stringify(file)), labelsHashOf(JSON.stringify(file, null, 4)));
    assert.notEqual(
      labelsHashOf(JSON.stringify(file)),
      labelsHashOf(JSON.stringify({ ...file, metadata: { ...file.metadata, language: 'de' } })),
    );
  });
});

describe('blob container names', () => {
  it('takes a valid name as is and makes one from a project name otherwise', () => {
    assert.equal(isBlobContainerName('pushed-tickets'), true);
    for (const bad of ['ab', 'Upper', 'double--hyphen', '-lead', 'trail-', 'under_score', 'x'.repeat(64)])
      assert.equal(isBlobContainerName(bad), false, bad);
    assert.equal(blobContainerNameFor('Support Tickets_2026'), 'support-tickets-2026');
    assert.equal(isBlobContainerName(blobContainerNameFor('A')), true);
    assert.equal(isBlobContainerName(blobContainerNameFor('Ünïcode  Names!!')), true);
  });
});
