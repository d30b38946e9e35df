// Reads esbuild metafiles: bytes per package / source folder in each output, and the checks the build enforces.
// `node scripts/bundle-report.mjs` prints the table for the last build (dist/*.meta.json), as BENCHMARKS.md shows it.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** What activation loads: a budget, so that growth fails the build instead of slowing every start. */
export const activationBudgetBytes = 300 * 1024;

/** Where an input comes from: its npm package, else its source folder (src/api, src/service/engine, …). */
function groupOf(input) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg) return pkg[1];
  if (input.startsWith('shared:')) return '(from extension.js)';
  const parts = input.split('/');
  return parts.length <= 2 ? parts.join('/') : parts.slice(0, parts[1] === 'service' ? 3 : 2).join('/');
}

/** Output file → { bytes, groups: [group, bytes][] (largest first) }, for the .js outputs of a metafile. */
export function summarize(metafile) {
  const result = {};
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    const groups = new Map();
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      groups.set(groupOf(input), (groups.get(groupOf(input)) ?? 0) + bytesInOutput);
    }
    result[basename(file)] = { bytes: output.bytes, groups: [...groups].sort((a, b) => b[1] - a[1]) };
  }
  return result;
}

/** Source and package modules bundled into more than one of the outputs (shared modules are referenced, not copied). */
export function duplicatedModules(metafile, outputs) {
  const seen = new Map();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!outputs.includes(basename(file))) continue;
    for (const input of Object.keys(output.inputs)) {
      // Generated glue, not code: the shared-module stubs, the entry, and each bundle's one-line view of `vscode`.
      if (/^(shared|activation|vscode-api):/.test(input)) continue;
      seen.set(input, [...(seen.get(input) ?? []), basename(file)]);
    }
  }
  return [...seen].filter(([, files]) => files.length > 1).map(([input, files]) => `${input} (${files.join(', ')})`);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** A markdown table: one row per output, its total and its largest parts. */
export function reportTable(summary) {
  const rows = Object.entries(summary).map(
    ([file, { bytes, groups }]) =>
      `| dist/${file} | ${kb(bytes)} | ${groups
        .filter(([, b]) => b >= 512)
        .map(([g, b]) => `${g} ${kb(b)}`)
        .join(', ')} |`,
  );
  return ['| output | size | largest parts (bytes in the output) |', '|---|---|---|', ...rows].join('\n');
}

/** Merges the metafiles the build wrote next to its outputs. */
export function readMetafiles(dir) {
  const merged = { inputs: {}, outputs: {} };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.meta.json'))) {
    const meta = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    Object.assign(merged.inputs, meta.inputs);
    Object.assign(merged.outputs, meta.outputs);
  }
  return merged;
}

if (process.argv[1] && basename(process.argv[1]) === 'bundle-report.mjs') {
  console.log(reportTable(summarize(readMetafiles('dist'))));
}
