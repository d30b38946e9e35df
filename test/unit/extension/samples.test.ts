import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  containerNameFor,
  readSampleProject,
  sampleContainers,
  sampleProjects,
  uniqueContainerNames,
} from '../../../src/core/samples';

const samplesDir = join(__dirname, '..', '..', '..', '..', 'samples');

describe('bundled sample projects', () => {
  it('parse as labels files of the three kinds, pointed at their own containers', async () => {
    const projects = await Promise.all(sampleProjects.map((s) => readSampleProject(samplesDir, s)));
    assert.deepEqual(
      projects.map((p) => [p.metadata.projectName, p.metadata.projectKind, p.metadata.storageInputContainerName]),
      [
        ['LoanAgreement', 'CustomEntityRecognition', 'sample-loan-agreements'],
        ['Movies', 'CustomMultiLabelClassification', 'sample-movie-summaries'],
        ['WebOfScience', 'CustomSingleLabelClassification', 'sample-web-of-science'],
      ],
    );
    // movieLabels.json spells assets.projectKind in lower camel case; it comes out canonical.
    assert.equal(projects[1]?.assets?.projectKind, 'CustomMultiLabelClassification');
  });

  it('maps each sample container to its folder', () => {
    assert.equal(sampleContainers('/x')['sample-web-of-science'], '/x/web-of-science');
  });

  it('derives container names the service accepts from workspace folder names', () => {
    assert.equal(containerNameFor('My Docs (2024)'), 'my-docs-2024');
    assert.equal(containerNameFor('ab'), 'ab-folder');
    assert.match(containerNameFor('Überblick'), /^[a-z0-9-]{3,63}$/);
  });

  it('gives folders whose names map to one container a container each', () => {
    const folders = [
      { name: 'docs', path: '/a/docs' },
      { name: 'Docs', path: '/b/Docs' },
      { name: 'my docs', path: '/c/my docs' },
      { name: 'My_Docs', path: '/d/My_Docs' },
      { name: 'Sample Loan Agreements', path: '/e' },
    ];
    assert.deepEqual(uniqueContainerNames(folders, ['sample-loan-agreements']), {
      docs: '/a/docs',
      'docs-2': '/b/Docs',
      'my-docs': '/c/my docs',
      'my-docs-2': '/d/My_Docs',
      'sample-loan-agreements-2': '/e',
    });
    const long = uniqueContainerNames([
      { name: 'x'.repeat(80), path: '/1' },
      { name: 'X'.repeat(80), path: '/2' },
    ]);
    assert.deepEqual(Object.keys(long), ['x'.repeat(63), `${'x'.repeat(61)}-2`]);
  });
});
