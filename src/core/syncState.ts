// When a workspace project was last pushed to or pulled from each connection, and the labels file's hash then:
// the Labeling view says per connection whether the workspace copy still matches what the service got.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { serializeLabelsFile } from './labeling/canonical';
import { parseLabelsFile } from './labeling/parseLabels';
import { describeComparison } from './projectComparison';
import type { ProjectComparison } from './projectComparison';

export const syncRecordSchema = z.object({
  connectionId: z.string(),
  connectionName: z.string(),
  projectName: z.string(),
  op: z.enum(['push', 'pull']),
  at: z.string(),
  /** sha256 of the labels file's bytes when pushed or pulled. */
  labelsHash: z.string(),
  /** sha256 over the documents' names and content hashes then. */
  documentsHash: z.string().optional(),
  /** sha256 of the project as the service had it then (canonical form): it changed there when this differs. */
  serviceHash: z.string().optional(),
});
export type SyncRecord = z.infer<typeof syncRecordSchema>;

/** Labels file → its records, one per connection. */
export const syncStateSchema = z.record(z.string(), z.array(syncRecordSchema));
export type SyncState = z.infer<typeof syncStateSchema>;

export const SYNC_STATE_KEY = 'customText.sync';

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash of a labels file's canonical form: a hand-formatted copy of the same labels hashes the same. */
export function labelsHashOf(text: string): string {
  const parsed = parseLabelsFile(text);
  return sha256(parsed.ok ? serializeLabelsFile(parsed.file, parsed.eol) : text);
}

export function parseSyncState(value: unknown): SyncState {
  const parsed = syncStateSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

/** The state with `record` replacing the labels file's earlier record for the same connection. */
export function withRecord(state: SyncState, labelsFile: string, record: SyncRecord): SyncState {
  const others = (state[labelsFile] ?? []).filter((r) => r.connectionId !== record.connectionId);
  return { ...state, [labelsFile]: [...others, record] };
}

function shortTime(iso: string, now: Date): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === now.toDateString();
  const hhmm = at.toTimeString().slice(0, 5);
  return sameDay ? hhmm : `${at.toISOString().slice(0, 10)} ${hhmm}`;
}

/**
 * "Azure: in sync, pushed 10:42 · Local: changed since pull 09:10" from the last push or pull; where the service's
 * copy has been compared with the workspace's as it is now, "Azure: differs (1 document, 2 labels), pushed 10:42".
 * Undefined when never synced.
 */
export function describeSync(
  records: readonly SyncRecord[],
  currentLabelsHash: string,
  now = new Date(),
  comparisonWith: (connectionId: string) => ProjectComparison | undefined = () => undefined,
): string | undefined {
  if (records.length === 0) return undefined;
  return [...records]
    .sort((a, b) => a.connectionName.localeCompare(b.connectionName))
    .map((r) => {
      const at = shortTime(r.at, now);
      const when = `${r.op === 'push' ? 'pushed' : 'pulled'} ${at}`;
      const compared = comparisonWith(r.connectionId);
      if (compared !== undefined) return `${r.connectionName}: ${describeComparison(compared)}, ${when}`;
      const agree = r.labelsHash === currentLabelsHash;
      return `${r.connectionName}: ${agree ? `in sync, ${when}` : `changed since ${r.op} ${at}`}`;
    })
    .join(' · ');
}
