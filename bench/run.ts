// npm run bench: runs every bench/*.bench.ts (compiled to out/bench) one after the other, each in its own
// process so one benchmark's heap and JIT state never colour the next. Pass names to run a subset.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const only = process.argv.slice(2);
const benches = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
let failed = 0;
for (const file of benches) {
  console.log(`\n## ${file.replace('.bench.js', '')}`);
  const r = spawnSync(process.execPath, ['--enable-source-maps', join(__dirname, file)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
