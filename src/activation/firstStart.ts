// Whether this is the extension's first start in this VS Code: a file in its global storage says it was started
// before. Written at once, unlike the state VS Code flushes later (a reload soon after the first start would lose
// that). Free of `vscode`.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * True once: the first time it is asked for `storageDir` (and the mark is written). False afterwards, and false when
 * the mark cannot be written: better never than on every start.
 */
export function isFirstStart(storageDir: string, mark: string): boolean {
  const file = join(storageDir, mark);
  if (existsSync(file)) return false;
  try {
    mkdirSync(storageDir, { recursive: true });
    writeFileSync(file, new Date().toISOString());
    return true;
  } catch {
    return false;
  }
}
