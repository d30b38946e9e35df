// The REST contract is defined once, in src/contract: the limits, name rule, versions and counting must not be
// written again in the client or the service.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..', '..', '..', '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

const DEFINITIONS: [string, RegExp][] = [
  ['the character limit', /125[_,]?000/],
  ['the name rule', /\[A-Za-z0-9_\.-\]\{1,50\}/],
  ['the api-version lists', /\[\s*'2022-05-01',\s*'2023-04-01'/],
  ['grapheme counting', /granularity:\s*'grapheme'[\s\S]*function count/],
  ['the job statuses', /'notStarted',\s*'running',\s*'succeeded'/],
  ['the analyze request body', /analysisInput:\s*z\.object/],
];

describe('contract: one definition', () => {
  it('src/api and src/service do not define the contract again', () => {
    const offenders: string[] = [];
    for (const layer of ['api', 'service']) {
      for (const file of sources(path.join(SRC, layer))) {
        // Comments may mention a limit; only code defines one.
        const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        for (const [what, pattern] of DEFINITIONS) {
          if (pattern.test(text)) offenders.push(`${path.relative(SRC, file)}: ${what}`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('finds each definition in src/contract', () => {
    const contract = sources(path.join(SRC, 'contract')).map((f) => readFileSync(f, 'utf8'));
    for (const [what, pattern] of DEFINITIONS.filter(([w]) => w !== 'grapheme counting' && w !== 'the name rule')) {
      assert.ok(
        contract.some((t) => pattern.test(t)),
        what,
      );
    }
  });
});
