// The Labeling view's comparison of a workspace project with a service's exported copy.
import * as assert from 'node:assert/strict';
import { parseLabelsFile } from '../../../src/core/labeling/parseLabels';
import type { LabelsFile } from '../../../src/core/labeling/model';
import { compareProjects, describeComparison } from '../../../src/core/projectComparison';
import { describeSync, sha256 } from '../../../src/core/syncState';

interface Doc {
  location: string;
  dataset?: string;
  language?: string;
  class?: { category: string };
}

function labelsFile(documents: Doc[], classes = ['billing', 'technical']): LabelsFile {
  const parsed = parseLabelsFile(
    JSON.stringify({
      projectFileVersion: '2023-04-01',
      stringIndexType: 'Utf16CodeUnit',
      metadata: {
        projectName: 'Tickets',
        projectKind: 'CustomSingleLabelClassification',
        storageInputContainerName: 'tickets',
        language: 'en',
      },
      assets: {
        projectKind: 'CustomSingleLabelClassification',
        classes: classes.map((category) => ({ category })),
        documents,
      },
    }),
  );
  assert.ok(parsed.ok);
  return parsed.file;
}

const base: Doc[] = [
  { location: 'a.txt', dataset: 'Train', class: { category: 'billing' } },
  { location: 'b.txt', dataset: 'Test', class: { category: 'technical' } },
  { location: 'c.txt' },
];

describe('workspace project and service copy', () => {
  it('agree when labels and documents are the same, whatever the order, case of the set or filled-in language', () => {
    const service = labelsFile([
      { location: 'c.txt', language: 'en' },
      { location: 'b.txt', dataset: 'test', language: 'en', class: { category: 'technical' } },
      { location: 'a.txt', dataset: 'Train', language: 'en', class: { category: 'billing' } },
    ]);
    assert.deepEqual(compareProjects(labelsFile(base), service), { kind: 'agrees' });
  });

  it('count documents on one side only and documents whose labels or set differ', () => {
    const service = labelsFile([
      { location: 'a.txt', dataset: 'Train', class: { category: 'technical' } }, // other class
      { location: 'b.txt', dataset: 'Train', class: { category: 'technical' } }, // other set
      { location: 'd.txt' }, // not in the workspace
      { location: 'e.txt' }, // not in the workspace
    ]);
    // c.txt is only in the workspace: 3 documents on one side only, 2 with other labels.
    const comparison = compareProjects(labelsFile(base), service);
    assert.deepEqual(comparison, { kind: 'differs', documents: 3, labels: 2 });
    assert.equal(describeComparison(comparison), 'differs (3 documents, 2 labels)');
    assert.equal(describeComparison({ kind: 'differs', documents: 1, labels: 1 }), 'differs (1 document, 1 label)');
  });

  it('count a class declared on one side only as a label difference', () => {
    const comparison = compareProjects(labelsFile(base), labelsFile(base, ['billing', 'technical', 'sales']));
    assert.deepEqual(comparison, { kind: 'differs', documents: 0, labels: 1 });
  });

  it('say when the service has no such project, or could not be asked', () => {
    assert.equal(describeComparison(compareProjects(labelsFile(base), undefined)), 'not on this service');
    assert.equal(describeComparison({ kind: 'unknown', reason: 'timeout' }), 'not checked: timeout');
  });

  it('show in the Labeling view next to the last push or pull, where compared', () => {
    const records = [
      {
        connectionId: 'a',
        connectionName: 'Azure',
        projectName: 'Tickets',
        op: 'push' as const,
        at: '2026-12-02T10:42:00.000Z',
        labelsHash: sha256('old'),
      },
      {
        connectionId: 'l',
        connectionName: 'Local',
        projectName: 'Tickets',
        op: 'pull' as const,
        at: '2026-12-02T09:10:00.000Z',
        labelsHash: sha256('now'),
      },
    ];
    const text = describeSync(records, sha256('now'), new Date('2026-12-02T12:00:00.000Z'), (id) =>
      id === 'a' ? { kind: 'differs', documents: 0, labels: 1 } : undefined,
    );
    assert.match(
      text ?? '',
      /^Azure: differs \(0 documents, 1 label\), pushed \d\d:\d\d · Local: in sync, pulled \d\d:\d\d$/,
    );
  });
});
