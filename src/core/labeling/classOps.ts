// Classifying documents: the one class of a single-label document, the classes of a multi-label one.
import type { LabelsFile, OpResult } from './model';
import { assetsOf, categoriesOf, findDocument, ok, refuse, withAssets } from './model';

function check(file: LabelsFile, location: string, category: string | undefined): string | undefined {
  const assets = assetsOf(file);
  if (category !== undefined && !categoriesOf(assets).includes(category))
    return `"${category}" is not a class of this project; add the class first.`;
  if (!findDocument(assets, location)) return `${location} is not in the project; add the document first.`;
  return undefined;
}

/** Gives a single-label document its class (undefined clears it). */
export function setClass(file: LabelsFile, location: string, category: string | undefined): OpResult {
  const assets = assetsOf(file);
  if (assets.projectKind !== 'CustomSingleLabelClassification')
    return refuse(
      `Only a single-label classification project gives a document one class; this is ${assets.projectKind}.`,
    );
  const problem = check(file, location, category);
  if (problem !== undefined) return refuse(problem);
  const documents = assets.documents.map((doc) => {
    if (doc.location !== location) return doc;
    const rest = { ...doc };
    delete rest.class;
    return category === undefined ? rest : { ...rest, class: { category } };
  });
  return ok(withAssets(file, { ...assets, documents }));
}

/** Adds a class to a multi-label document, or removes it when the document has it. */
export function toggleClass(file: LabelsFile, location: string, category: string): OpResult {
  const assets = assetsOf(file);
  if (assets.projectKind !== 'CustomMultiLabelClassification')
    return refuse(`Only a multi-label classification project toggles classes; this is ${assets.projectKind}.`);
  const problem = check(file, location, category);
  if (problem !== undefined) return refuse(problem);
  const documents = assets.documents.map((doc) => {
    if (doc.location !== location) return doc;
    const classes = doc.classes ?? [];
    const has = classes.some((c) => c.category === category);
    return { ...doc, classes: has ? classes.filter((c) => c.category !== category) : [...classes, { category }] };
  });
  return ok(withAssets(file, { ...assets, documents }));
}
