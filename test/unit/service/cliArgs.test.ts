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

describe('service CLI arguments: containers from a Blob service', () => {
  it('takes an account URL with a key (account name from the URL) or a SAS', () => {
    const keyed = parseCliArgs(['--blob-endpoint', 'http://127.0.0.1:10000/devstoreaccount1', '--blob-key', 'a2V5']);
    assert.deepEqual(keyed.blob, {
      accountUrl: 'http://127.0.0.1:10000/devstoreaccount1',
      auth: { kind: 'key', accountName: 'devstoreaccount1', accountKey: 'a2V5' },
    });
    const azure = parseCliArgs(['--blob-endpoint', 'https://acct.blob.core.windows.net', '--blob-key', 'k']);
    assert.equal(azure.blob?.auth.kind === 'key' ? azure.blob.auth.accountName : '', 'acct');
    const sas = parseCliArgs(['--blob-endpoint=https://acct.blob.core.windows.net', '--blob-sas', 'sv=1&sig=x']);
    assert.deepEqual(sas.blob?.auth, { kind: 'sas', sas: 'sv=1&sig=x' });
    assert.equal(parseCliArgs([]).blob, undefined, 'folders stay the default');
  });

  it('explains a missing or doubled credential and a bad URL', () => {
    assert.throws(() => parseCliArgs(['--blob-endpoint', 'https://a.blob.core.windows.net']), /exactly one credential/);
    assert.throws(() => parseCliArgs(['--blob-key', 'k']), /go with --blob-endpoint/);
    assert.throws(() => parseCliArgs(['--blob-endpoint', 'ftp://x', '--blob-key', 'k']), /http\(s\) URL/);
  });
});

describe('service CLI arguments: a bearer token instead of the key', () => {
  it('takes a JWT-like token', () => {
    const token = 'eyJhbGciOiJub25lIn0.eyJleHAiOjF9.sig-_~+/=';
    assert.equal(parseCliArgs(['--require-bearer', token]).bearerToken, token);
    assert.equal(parseCliArgs([]).bearerToken, undefined);
  });

  it('refuses a token unfit for a header, too short or too long, or given with --key', () => {
    assert.throws(() => parseCliArgs(['--require-bearer', 'short']), /16 to 8192 characters, got 5/);
    assert.throws(() => parseCliArgs(['--require-bearer', 'x'.repeat(8193)]), /16 to 8192/);
    assert.throws(() => parseCliArgs(['--require-bearer', 'abcdefghijklmnop\r\nx-evil: 1']), /letters, digits/);
    assert.throws(() => parseCliArgs(['--require-bearer', 'abcdefghijklmnop qrs']), /letters, digits/);
    assert.throws(
      () => parseCliArgs(['--require-bearer', 'abcdefghijklmnopqrs', '--key', 'k']),
      /replaces --key: give one of them/,
    );
  });
});
