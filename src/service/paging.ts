// The list endpoints' paging: top, skip and maxpagesize in, {value, nextLink} out.
import { badRequest } from './errors';
import type { RequestContext } from './router';

export const DEFAULT_PAGE_SIZE = 100;

const INT32_MAX = 2_147_483_647;

/** A non-negative 32-bit integer in decimal digits, as the service's int32 binding reads it ("1e2", "0x10" are not). */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value <= INT32_MAX))
    throw badRequest(`Query parameter ${name} must be an integer from 0 to ${INT32_MAX}, got "${raw.slice(0, 40)}".`);
  return value;
}

/** A boolean as .NET reads it: "true"/"false" in any case (the Python SDK sends "True"). */
export function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const lower = raw.trim().toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  throw badRequest(`Query parameter ${name} must be true or false, got "${raw.slice(0, 40)}".`);
}

export interface PageWindow {
  skip: number;
  /** How many to return in this page. */
  take: number;
  /** How many remain of `top` after this page (undefined when no top was given). */
  remainingTop: number | undefined;
  maxPageSize: number | undefined;
}

export function pageWindow(query: URLSearchParams, defaultPageSize = DEFAULT_PAGE_SIZE): PageWindow {
  const top = intParam(query, 'top');
  const skip = intParam(query, 'skip') ?? 0;
  const maxPageSize = intParam(query, 'maxpagesize');
  const pageSize = Math.max(1, maxPageSize ?? defaultPageSize);
  const take = Math.min(pageSize, top ?? Number.POSITIVE_INFINITY);
  return { skip, take, remainingTop: top === undefined ? undefined : top - take, maxPageSize };
}

/** The absolute URL of the next page, or undefined when this page is the last. */
export function nextLink(context: RequestContext, path: string, window: PageWindow, total: number): string | undefined {
  const nextSkip = window.skip + window.take;
  if (nextSkip >= total || window.remainingTop === 0) return undefined;
  const params = new URLSearchParams(context.query);
  params.set('skip', String(nextSkip));
  if (window.remainingTop !== undefined) params.set('top', String(window.remainingTop));
  return `${context.origin}${path}?${params.toString()}`;
}

/** One page of a list in the service's shape (2022-05-01 always carries nextLink, null on the last page). */
export function pageOf<T>(
  context: RequestContext,
  path: string,
  items: readonly T[],
): { value: T[]; nextLink?: string | null } {
  const window = pageWindow(context.query);
  const value = items.slice(window.skip, window.skip + window.take);
  const link = nextLink(context, path, window, items.length);
  if (link !== undefined) return { value, nextLink: link };
  return context.apiVersion === '2022-05-01' ? { value, nextLink: null } : { value };
}
