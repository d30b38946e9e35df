// Fault injection for tests: throttling, outages, latency, broken bodies and dropped connections on chosen routes.
import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';

export const faultRuleSchema = z.object({
  /** HTTP method to match (any when absent). */
  method: z.string().optional(),
  /** Regular expression source matched against the request path (without the query string). */
  path: z.string(),
  status: z.union([z.literal(429), z.literal(503), z.literal(500)]).optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  latencyMs: z.number().int().nonnegative().optional(),
  /** How many requests this rule applies to; forever when absent. */
  times: z.number().int().positive().optional(),
  /** Answer 200 (or `status`) with a truncated JSON body. */
  malformedBody: z.boolean().optional(),
  /** Drop the connection without answering. */
  reset: z.boolean().optional(),
  /** Jobs the request starts stay notStarted this long (to watch or cancel a job in flight). */
  jobDelayMs: z.number().int().nonnegative().optional(),
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
  pattern: RegExp;
  remaining: number;
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
  const parsed = faultRulesSchema.safeParse(Array.isArray(raw) ? raw : [raw]);
  if (!parsed.success) {
    throw new Error(`${source}: ${z.prettifyError(parsed.error)}`);
  }
  for (const rule of parsed.data) compile(rule, source);
  return parsed.data;
}

function compile(rule: FaultRule, source: string): RegExp {
  try {
    return new RegExp(rule.path);
  } catch {
    throw new Error(`${source}: "${rule.path}" is not a valid regular expression.`);
  }
}

export class Faults {
  private rules: ActiveRule[] = [];

  /** Replaces all rules. */
  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({
      rule,
      pattern: compile(rule, 'fault rule'),
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
        r.remaining > 0 &&
        (r.rule.method === undefined || r.rule.method.toUpperCase() === method) &&
        r.pattern.test(path),
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
