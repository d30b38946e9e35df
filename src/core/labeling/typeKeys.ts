// The keys that choose an entity type in the picker: 1–9 for the first nine, then lowercase letters, so a project's
// types keep their keys as long as their order in the labels file does.
const KEYS = '123456789abcdefghijklmnopqrstuvwxyz';

export interface KeyedType {
  category: string;
  /** Undefined for the types past the last key: they are chosen by name. */
  key: string | undefined;
}

export function typeKeys(categories: readonly string[]): KeyedType[] {
  return categories.map((category, i) => ({ category, key: KEYS[i] }));
}
