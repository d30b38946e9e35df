// Removes compiled files in out/ whose TypeScript source is gone (a renamed or deleted test would otherwise still
// run from its old .js). tsc never deletes what it emitted before.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const out = 'out';
function prune(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) prune(path);
    else if (/\.js(\.map)?$/.test(entry.name)) {
      const source = relative(out, path).replace(/\.js(\.map)?$/, '.ts');
      if (!existsSync(source)) rmSync(path);
    }
  }
}
if (existsSync(out)) prune(out);
