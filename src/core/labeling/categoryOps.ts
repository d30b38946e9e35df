// Classes and entity types: add, rename (every label follows) and delete (saying how many labels go with it).
import { MAX_CATEGORIES } from '../../contract/limits';
import { categoryNameProblem } from '../../contract/names';
import type { Assets, LabelsFile, OpResult } from './model';
import { assetsOf, categoriesOf, ok, refuse, withAssets } from './model';

const noun = (assets: Assets): string => (assets.projectKind === 'CustomEntityRecognition' ? 'entity type' : 'class');

/** Adds a class or entity type at the end of the declared list. */
export function addCategory(file: LabelsFile, name: string, description?: string): OpResult {
  const assets = assetsOf(file);
  const problem = categoryNameProblem(name);
  if (problem !== undefined) return refuse(`"${name}" cannot be a ${noun(assets)} name: ${problem}.`);
  const declared = categoriesOf(assets);
  if (declared.includes(name)) return refuse(`The project already has a ${noun(assets)} "${name}".`);
  if (declared.length >= MAX_CATEGORIES)
    return refuse(`A project can have at most ${MAX_CATEGORIES} classes or entity types; delete one first.`);
  if (assets.projectKind === 'CustomEntityRecognition') {
    const entity = description === undefined ? { category: name } : { category: name, description };
    return ok(withAssets(file, { ...assets, entities: [...assets.entities, entity] }));
  }
  return ok(withAssets(file, { ...assets, classes: [...assets.classes, { category: name }] }));
}

/** Renames a class or entity type where it is declared and on every label that uses it. */
export function renameCategory(file: LabelsFile, from: string, to: string): OpResult {
  const assets = assetsOf(file);
  const declared = categoriesOf(assets);
  if (!declared.includes(from)) return refuse(`The project has no ${noun(assets)} "${from}".`);
  if (from === to) return ok(file);
  const problem = categoryNameProblem(to);
  if (problem !== undefined) return refuse(`"${to}" cannot be a ${noun(assets)} name: ${problem}.`);
  if (declared.includes(to)) return refuse(`The project already has a ${noun(assets)} "${to}"; pick another name.`);
  const rename = <C extends { category: string }>(c: C): C => (c.category === from ? { ...c, category: to } : c);
  switch (assets.projectKind) {
    case 'CustomSingleLabelClassification': {
      const documents = assets.documents.map((d) =>
        d.class?.category === from ? { ...d, class: rename(d.class) } : d,
      );
      return ok(withAssets(file, { ...assets, classes: assets.classes.map(rename), documents }));
    }
    case 'CustomMultiLabelClassification': {
      const documents = assets.documents.map((d) =>
        d.classes?.some((c) => c.category === from) ? { ...d, classes: d.classes.map(rename) } : d,
      );
      return ok(withAssets(file, { ...assets, classes: assets.classes.map(rename), documents }));
    }
    case 'CustomEntityRecognition': {
      const documents = assets.documents.map((d) =>
        d.entities?.some((r) => r.labels.some((l) => l.category === from))
          ? { ...d, entities: d.entities.map((r) => ({ ...r, labels: r.labels.map(rename) })) }
          : d,
      );
      return ok(withAssets(file, { ...assets, entities: assets.entities.map(rename), documents }));
    }
  }
}

export interface DeletedCategory {
  file: LabelsFile;
  /** Labels (document classes or spans) removed with it. */
  labelsRemoved: number;
  /** Documents that had at least one of them. */
  documentsTouched: number;
}

/** Deletes a class or entity type and every label of it; says how many labels went. */
export function deleteCategory(file: LabelsFile, name: string): OpResult<DeletedCategory> {
  const assets = assetsOf(file);
  if (!categoriesOf(assets).includes(name)) return refuse(`The project has no ${noun(assets)} "${name}".`);
  let labelsRemoved = 0;
  let documentsTouched = 0;
  const count = (n: number): void => {
    labelsRemoved += n;
    if (n > 0) documentsTouched++;
  };
  const keep = (c: { category: string }): boolean => c.category !== name;
  switch (assets.projectKind) {
    case 'CustomSingleLabelClassification': {
      const documents = assets.documents.map((d) => {
        if (d.class?.category !== name) return d;
        count(1);
        const rest = { ...d };
        delete rest.class;
        return rest;
      });
      const next = withAssets(file, { ...assets, classes: assets.classes.filter(keep), documents });
      return ok({ file: next, labelsRemoved, documentsTouched });
    }
    case 'CustomMultiLabelClassification': {
      const documents = assets.documents.map((d) => {
        const before = d.classes?.length ?? 0;
        const classes = (d.classes ?? []).filter(keep);
        count(before - classes.length);
        return before === classes.length ? d : { ...d, classes };
      });
      const next = withAssets(file, { ...assets, classes: assets.classes.filter(keep), documents });
      return ok({ file: next, labelsRemoved, documentsTouched });
    }
    case 'CustomEntityRecognition': {
      const documents = assets.documents.map((d) => {
        let removed = 0;
        const entities = (d.entities ?? []).map((r) => {
          const labels = r.labels.filter(keep);
          removed += r.labels.length - labels.length;
          return labels.length === r.labels.length ? r : { ...r, labels };
        });
        count(removed);
        return removed === 0 ? d : { ...d, entities };
      });
      const next = withAssets(file, { ...assets, entities: assets.entities.filter(keep), documents });
      return ok({ file: next, labelsRemoved, documentsTouched });
    }
  }
}
