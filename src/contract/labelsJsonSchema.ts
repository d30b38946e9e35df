// The JSON schema of a labels file (schemas/labels-file.schema.json), generated from the workspace schema so
// editors validate and explain the same format the code reads. Project kinds and datasets are accepted in any
// casing, as the service accepts them, so the schema matches them case-insensitively and offers the canonical
// spellings as completions.
import { z } from 'zod';
import { projectKinds } from './common';
import { workspaceLabelsFileSchema } from './labels';

const CASE_INSENSITIVE: ReadonlySet<string> = new Set<string>([...projectKinds, 'Train', 'Test']);

function anyCase(values: readonly string[]): string {
  const letters = (v: string): string => v.replace(/[A-Za-z]/g, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`);
  return `^(?:${values.map(letters).join('|')})$`;
}

type JsonSchemaNode = Record<string, unknown>;

function relaxCase(node: JsonSchemaNode): void {
  const values = Array.isArray(node.enum) ? node.enum : 'const' in node ? [node.const] : undefined;
  if (!values?.every((v) => typeof v === 'string' && CASE_INSENSITIVE.has(v))) return;
  const strings = values as string[];
  delete node.enum;
  delete node.const;
  node.type = 'string';
  node.pattern = anyCase(strings);
  node.examples = strings;
}

export const LABELS_SCHEMA_ID = 'https://custom-text-studio.local/schemas/labels-file.schema.json';

/** The JSON schema of a labels file (draft-07, which VS Code's JSON support reads fully). */
export function labelsFileJsonSchema(): JsonSchemaNode {
  const schema = z.toJSONSchema(workspaceLabelsFileSchema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      relaxCase(ctx.jsonSchema);
    },
  }) as JsonSchemaNode;
  return { ...schema, $id: LABELS_SCHEMA_ID, title: 'Custom text labels file' };
}

/** The committed file's exact text: 2-space JSON and a trailing newline (what Prettier leaves alone). */
export function labelsFileJsonSchemaText(): string {
  return `${JSON.stringify(labelsFileJsonSchema(), null, 2)}\n`;
}
