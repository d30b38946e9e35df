import assert from 'node:assert/strict';
import { serializeLabelsFile } from '../../../src/core/labeling/canonical';
import {
  labelsFileName,
  newProjectFile,
  parseCategoryList,
  projectNameProblem,
} from '../../../src/core/labeling/newProject';
import { parseLabelsFile } from '../../../src/core/labeling/parseLabels';
import { reason, value } from './fixtures';

describe('labeling: a new project from a folder', () => {
  const options = {
    projectName: 'Reviews',
    projectKind: 'CustomMultiLabelClassification' as const,
    language: 'en-us',
    multilingual: true,
    description: ' Product reviews ',
    categories: ['Positive', 'Negative'],
    storageInputContainerName: 'reviews',
  };

  it('lists the documents unlabeled, declares the classes and keeps the metadata', () => {
    const file = value(newProjectFile(options, ['b.txt', 'a.txt']));
    const text = serializeLabelsFile(file);
    const parsed = parseLabelsFile(text);
    assert.ok(parsed.ok, 'the file it writes parses as a labels file');
    assert.equal(file.metadata.description, 'Product reviews');
    assert.equal(file.metadata.multilingual, true);
    assert.equal(file.metadata.storageInputContainerName, 'reviews');
    assert.deepEqual(file.assets, {
      projectKind: 'CustomMultiLabelClassification',
      classes: [{ category: 'Positive' }, { category: 'Negative' }],
      documents: [
        { location: 'a.txt', language: 'en-us' },
        { location: 'b.txt', language: 'en-us' },
      ],
    });
    assert.ok(text.endsWith('}\n'));
  });

  it('leaves the description out when none is given', () => {
    const file = value(newProjectFile({ ...options, description: '' }, []));
    assert.ok(!('description' in file.metadata));
  });

  it('refuses a name the service would refuse, saying why', () => {
    assert.match(reason(newProjectFile({ ...options, projectName: 'my reviews' }, [])), /letters, digits/);
    assert.match(projectNameProblem('a/b') ?? '', /letters, digits/);
    assert.equal(projectNameProblem('Reviews_2024.v1'), undefined);
    assert.match(projectNameProblem('..') ?? '', /only dots|letters/);
  });

  it('reads a comma-separated list of classes, refusing bad and repeated names', () => {
    assert.deepEqual(value(parseCategoryList(' Sports, Politics ,,Science ')), ['Sports', 'Politics', 'Science']);
    assert.deepEqual(value(parseCategoryList('')), []);
    assert.match(reason(parseCategoryList('Sports, Sp#rts')), /"Sp#rts".*not allowed/);
    assert.match(reason(parseCategoryList('A, B, A')), /"A" is listed twice/);
  });

  it('names the labels file after the project', () => {
    assert.equal(labelsFileName('Reviews'), 'Reviews.labels.json');
  });
});
