import assert from 'node:assert/strict';
import path from 'node:path';
import { CliError, parseCliArgs } from '../../../src/service/cliArgs';

describe('service CLI arguments', () => {
  it('parses flags with separate or inline values and resolves paths', () => {
    const options = parseCliArgs(['--port', '5000', '--data=d', '--containers', 'c', '--key', 'k'], '/base');
    assert.equal(options.port, 5000);
    assert.equal(options.host, '127.0.0.1');
    assert.equal(options.dataDir, path.resolve('/base', 'd'));
    assert.equal(options.containersDir, path.resolve('/base', 'c'));
    assert.equal(options.key, 'k');
  });

  it('explains bad input', () => {
    assert.throws(() => parseCliArgs(['--port', 'x']), CliError);
    assert.throws(() => parseCliArgs(['--bogus']), /Unknown argument/);
    assert.throws(() => parseCliArgs(['--key']), /needs a value/);
    assert.throws(() => parseCliArgs(['--faults', '[{"status":429}]']), /--faults/);
  });
});
