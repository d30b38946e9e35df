// An analysis result as plain JSON for the clipboard: what was analyzed, by which model, its classes and entities.
import type { ResultView } from './views';

/** The result in the service's own terms (category, confidenceScore, UTF-16 offsets in the document). */
export function resultJson(view: ResultView): string {
  const value = {
    document: view.title,
    model: view.source,
    kind: view.kind,
    ...(view.classes.length === 0
      ? {}
      : { classes: view.classes.map((c) => ({ category: c.category, confidenceScore: c.confidence })) }),
    ...(view.entities.length === 0 && view.classes.length > 0
      ? {}
      : {
          entities: view.entities.map((e) => ({
            category: e.category,
            ...(e.subcategory === undefined ? {} : { subcategory: e.subcategory }),
            text: e.text,
            offset: view.offsetBase + e.offset,
            length: e.length,
            confidenceScore: e.confidence,
          })),
        }),
    ...(view.notes.length === 0 ? {} : { notes: view.notes }),
  };
  return JSON.stringify(value, null, 2);
}
