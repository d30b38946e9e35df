// Name rules: project, model and deployment names, and job ids.
import { z } from 'zod';

export const NAME_MAX_LENGTH = 50;
export const namePattern = /^[A-Za-z0-9_.-]{1,50}$/;
/** Path segments the service reserves for its own routes (and dot segments, which are never names). */
export const reservedNames: ReadonlySet<string> = new Set(['global', 'swap', ':swap', '.', '..']);

/** Project, model and deployment names. */
export const resourceNameSchema = z
  .string()
  .regex(namePattern, 'use 1 to 50 letters, digits, "_", "." or "-"')
  .refine((s) => !/^\.+$/.test(s), 'a name cannot be only dots');

/** Authoring job ids are "<uuid>_<ticks>", runtime ones a plain uuid. */
export const jobIdSchema = z.string().regex(/^[0-9A-Fa-f-]{36}(_\d{1,20})?$/, 'not a job id');

/** Class and entity type names: up to 50 characters, none of : $ & % * ( ) + ~ # / ? (as the service documents). */
export const CATEGORY_NAME_MAX_LENGTH = 50;
export const categoryForbiddenCharacters = /[:$&%*()+~#/?]/;
/** Why `name` cannot be a class or entity type name, or undefined when it can. */
export function categoryNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'a name cannot be empty or only spaces';
  if (name !== name.trim()) return 'a name cannot start or end with a space';
  if (name.length > CATEGORY_NAME_MAX_LENGTH) return `use at most ${CATEGORY_NAME_MAX_LENGTH} characters`;
  const bad = categoryForbiddenCharacters.exec(name);
  if (bad) return `"${bad[0]}" is not allowed (none of : $ & % * ( ) + ~ # / ?)`;
  return undefined;
}
