// Which of the panel's and the editor's entity colors each category gets.

/**
 * Entity categories get one of these colors: `customText.entity1` … in package.json's contributed colors, with
 * defaults per theme kind (light, dark, high contrast) that stay apart from each other and readable on the editor
 * background; media/results.css uses the same ones for .color-1 … (the webview sees them as --vscode-* variables).
 */
export const ENTITY_COLOR_COUNT = 12;
export const entityColorId = (color: number): string => `customText.entity${color}`;

/**
 * A color per category that follows from its name (not from the order entities happen to come in), so a category
 * keeps its color from one analysis to the next; two categories that would share one are moved apart (in name
 * order, so the outcome is the same every time), until there are more categories than colors.
 */
export function colorsByCategory(categories: readonly string[]): Map<string, number> {
  const colors = new Map<string, number>();
  const taken = new Set<number>();
  for (const category of [...new Set(categories)].sort()) {
    let slot = nameHash(category) % ENTITY_COLOR_COUNT;
    for (let tries = 0; taken.has(slot) && tries < ENTITY_COLOR_COUNT; tries++) slot = (slot + 1) % ENTITY_COLOR_COUNT;
    taken.add(slot);
    colors.set(category, slot + 1);
  }
  return colors;
}

/** FNV-1a over the UTF-16 code units: small, stable across runs and platforms. */
function nameHash(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
