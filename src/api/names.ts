// Project, model and deployment names: checked before a request is built, so a typo never reaches the service.
import { NAME_MAX_LENGTH, namePattern, reservedNames } from '../contract/names';
import { ValidationError } from './errors';

export type NameKind = 'project' | 'model' | 'deployment';

/** Returns the name if it is valid, or throws a ValidationError that says what to change. */
export function validateName(kind: NameKind, name: string): string {
  if (name.length === 0) throw new ValidationError(`The ${kind} name is empty.`, `${kind}Name`);
  if (name.length > NAME_MAX_LENGTH) {
    throw new ValidationError(
      `The ${kind} name "${name.slice(0, NAME_MAX_LENGTH)}…" is ${name.length} characters; the limit is ${NAME_MAX_LENGTH}.`,
      `${kind}Name`,
    );
  }
  if (!namePattern.test(name)) {
    const bad = /[^A-Za-z0-9_.-]/u.exec(name)?.[0] ?? '';
    throw new ValidationError(
      `The ${kind} name "${name}" contains "${bad}"; use only letters, digits, "_", "-" and ".".`,
      `${kind}Name`,
    );
  }
  if (reservedNames.has(name.toLowerCase())) {
    throw new ValidationError(`"${name}" is reserved by the service and cannot be a ${kind} name.`, `${kind}Name`);
  }
  return name;
}

/** Validates and URL-encodes a name for use as a path segment. */
export function nameSegment(kind: NameKind, name: string): string {
  return encodeURIComponent(validateName(kind, name));
}
