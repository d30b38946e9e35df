// Fault injection for tests: throttling, outages, latency, broken bodies and dropped connections on chosen routes.
import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';

/** The longest latency or job delay a rule may ask for (a timer past 2^31 - 1 ms would fire at once). */
export const MAX_FAULT_DELAY_MS = 60_000;
const delaySchema = z
  .number()
  .int()
  .nonnegative()
  .max(MAX_FAULT_DELAY_MS, { error: `must be at most ${MAX_FAULT_DELAY_MS} ms` });

/** What a path may not hold between its optional leading "^" and trailing "$": regular-expression syntax. */
const REGEX_SYNTAX = /[()[\]{}*+?|\\^$]/;

/**
 * A piece of the request path (without the query string) matched literally, anywhere in the path; a leading "^"
 * pins it to the path's start and a trailing "$" to its end. Not a regular expression, so no rule can make
 * matching slow (a pattern like ^/(a+)+$ backtracks for seconds); regular-expression syntax is refused rather
 * than left to never match.
 */
const pathSchema = z
  .string()
  .max(1000)
  .refine((p) => !REGEX_SYNTAX.test(pathPiece(p).piece), {
    error:
      'is matched literally (a leading ^ pins it to the start of the path, a trailing $ to its end), not as a regular expression: remove ( ) [ ] { } * + ? | \\ and inner ^ $',
  });

export const faultRuleSchema = z.object({
  /** HTTP method to match (any when absent). */
  method: z.string().optional(),
  path: pathSchema,
  status: z.union([z.literal(429), z.literal(503), z.literal(500)]).optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  latencyMs: delaySchema.optional(),
  /** How many requests this rule applies to; forever when absent. */
  times: z.number().int().positive().optional(),
  /** Answer 200 (or `status`) with a truncated JSON body. */
  malformedBody: z.boolean().optional(),
  /** Drop the connection without answering. */
  reset: z.boolean().optional(),
  /** Jobs the request starts stay notStarted this long (to watch or cancel a job in flight). */
  jobDelayMs: delaySchema.optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;
export const faultRulesSchema = z.array(faultRuleSchema);

/** The fault to apply to one request. */
export interface FaultDecision {
  latencyMs: number;
  status?: 429 | 503 | 500;
  retryAfterSeconds?: number;
  malformedBody: boolean;
  reset: boolean;
  jobDelayMs: number;
}

/** The job delay of the request being handled: the jobs it starts read it, so no route has to pass it on. */
export const requestJobDelay = new AsyncLocalStorage<number>();

interface ActiveRule {
  rule: FaultRule;
  matches: (path: string) => boolean;
  remaining: number;
}

function pathPiece(pattern: string): { piece: string; start: boolean; end: boolean } {
  const start = pattern.startsWith('^');
  const rest = start ? pattern.slice(1) : pattern;
  const end = rest.endsWith('$');
  return { piece: end ? rest.slice(0, -1) : rest, start, end };
}

/** A plain string comparison: time linear in the path, whatever the rule says. */
function pathMatcher(pattern: string): (path: string) => boolean {
  const { piece, start, end } = pathPiece(pattern);
  if (start && end) return (p) => p === piece;
  if (start) return (p) => p.startsWith(piece);
  if (end) return (p) => p.endsWith(piece);
  return (p) => p.includes(piece);
}

/** Validates rules (from JSON or from code), with the source named in the message. */
function checkRules(raw: unknown, source: string): FaultRule[] {
  const parsed = faultRulesSchema.safeParse(Array.isArray(raw) ? raw : [raw]);
  if (!parsed.success) throw new Error(`${source}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Parses rules from JSON text (CLI flag or environment), with an actionable message on bad input. */
export function parseFaultRules(json: string, source: string): FaultRule[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error(
      `${source}: not valid JSON. Expected an array of rules like [{"path":"/analyze-text/jobs","status":429}].`,
    );
  }
  return checkRules(raw, source);
}

export class Faults {
  private rules: ActiveRule[] = [];

  /** Replaces all rules; throws on a rule the schema refuses (a regular expression, a delay too long). */
  set(rules: FaultRule[]): void {
    this.rules = checkRules(rules, 'fault rule').map((rule) => ({
      rule,
      matches: pathMatcher(rule.path),
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
    }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule matching this request, consuming one of its `times`. */
  match(method: string, path: string): FaultDecision | undefined {
    const active = this.rules.find(
      (r) =>
        r.remaining > 0 && (r.rule.method === undefined || r.rule.method.toUpperCase() === method) && r.matches(path),
    );
    if (!active) return undefined;
    active.remaining -= 1;
    if (active.remaining <= 0) this.rules = this.rules.filter((r) => r !== active);
    const { rule } = active;
    return {
      latencyMs: rule.latencyMs ?? 0,
      status: rule.status,
      retryAfterSeconds: rule.retryAfterSeconds ?? (rule.status === 429 ? 1 : undefined),
      malformedBody: rule.malformedBody ?? false,
      reset: rule.reset ?? false,
      jobDelayMs: rule.jobDelayMs ?? 0,
    };
  }
}
