import * as assert from 'node:assert/strict';
import { ApiError, JobFailedError, NetworkError, SchemaError } from '../../../src/api/errors';
import { normalizeEndpoint, parseStoredConnections, validateEndpoint } from '../../../src/core/connection';
import { storedConnectionsSchema } from '../../../src/core/connectionSchema';
import { describeError } from '../../../src/core/describeError';

describe('connection endpoints', () => {
  it('accepts https and http URLs and says what is wrong otherwise', () => {
    assert.equal(validateEndpoint('https://x.cognitiveservices.azure.com'), undefined);
    assert.equal(
      validateEndpoint('x.cognitiveservices.azure.com'),
      'Start the endpoint with https://, as in https://x.cognitiveservices.azure.com',
    );
    assert.match(validateEndpoint('not a url') ?? '', /Enter a URL such as https:\/\//);
    assert.match(validateEndpoint('ftp://x') ?? '', /https:\/\//);
    assert.match(validateEndpoint('https://x/?a=1') ?? '', /query/);
  });

  it('drops trailing slashes', () => {
    assert.equal(
      normalizeEndpoint(' https://x.cognitiveservices.azure.com/ '),
      'https://x.cognitiveservices.azure.com',
    );
  });
});

describe('error descriptions', () => {
  it('turns a 401 into advice about the key', () => {
    const d = describeError(new ApiError(401, '401', 'Access denied', 'listProjects', [], [], 'req-1'));
    assert.match(d.text, /check the connection’s key/);
    assert.equal(d.detail, 'HTTP 401 · request req-1', 'the gateway code repeats the status: said once');
  });

  it('turns a 403 into the role a signed-in identity needs on the Language resource', () => {
    const d = describeError(new ApiError(403, '403', 'Forbidden', 'listProjects', [], [], 'req-2'));
    assert.match(d.text, /Cognitive Services Language Owner role on the Language resource/);
    assert.match(d.text, /Cognitive Services Language Reader to only read/);
  });

  it('names network failures and unexpected responses', () => {
    assert.match(
      describeError(new NetworkError('connectionRefused', 'listProjects', 'ECONNREFUSED', 'x')).text,
      /refused/,
    );
    assert.match(
      describeError(new SchemaError('listProjects', [{ path: 'value', message: 'Required' }])).text,
      /Unexpected/,
    );
  });

  it('says what to do when an endpoint cannot be reached, by where it is', () => {
    const refused = new NetworkError('connectionRefused', 'listProjects', 'ECONNREFUSED', 'x');
    const local = describeError(refused, 'local').text;
    assert.match(local, /^Cannot reach the endpoint: connection refused\. Refresh to try again/);
    assert.match(local, /Developer: Reload Window starts the local service again/);
    const azure = describeError(refused, 'azure').text;
    assert.match(azure, /^Cannot reach the endpoint: connection refused\. Check the endpoint URL \(Edit Connection…\)/);
    assert.match(azure, /http\.proxy setting/);
    const unresolved = describeError(new NetworkError('dnsLookup', 'listProjects', 'ENOTFOUND', 'x'), 'azure').text;
    assert.match(unresolved, /does not resolve\. Check the endpoint URL \(Edit Connection…\)$/);
    // Where nobody knows which connection it was (the Add Connection check), the failure alone.
    assert.equal(describeError(refused).text, 'Cannot reach the endpoint: connection refused');
  });

  it('leads a failed job with what the service said, the code and job id as the detail', () => {
    const error = new JobFailedError(
      'job-1',
      'failed',
      [{ code: 'InvalidRequest', message: 'Too few documents.' }],
      'training Loans',
    );
    assert.deepEqual(describeError(error), {
      text: 'Training Loans failed: Too few documents.',
      detail: 'InvalidRequest · job job-1',
    });
    assert.deepEqual(describeError(new JobFailedError('job-2', 'cancelled', [], 'deploy to Loans/prod')), {
      text: 'Deploy to Loans/prod cancelled',
      detail: 'job job-2',
    });
  });
});

describe('stored connections (read at activation without zod)', () => {
  const good = { id: 'a1', name: 'Prod', endpoint: 'https://x.cognitiveservices.azure.com' };
  const samples: unknown[] = [
    [],
    [good],
    [good, { ...good, id: 'b2', endpoint: 'http://127.0.0.1:5000' }],
    [{ ...good, extra: 1 }],
    [
      { ...good, auth: 'entra' },
      { ...good, id: 'b2', auth: 'key' },
    ],
    [good, { ...good, id: 'b2', auth: 'password' }],
    [{ ...good, auth: null }],
    [good, { ...good, id: '' }],
    [{ ...good, name: '' }],
    [{ ...good, endpoint: 'not a url' }],
    [{ ...good, endpoint: 'https://' }],
    [{ ...good, endpoint: 42 }],
    [{ id: 'a', name: 'b' }],
    [null],
    ['x'],
    {},
    'x',
    undefined,
  ];

  it('accepts and refuses exactly what the schema does, all or nothing', () => {
    for (const sample of samples) {
      const parsed = storedConnectionsSchema.safeParse(sample);
      assert.deepEqual(parseStoredConnections(sample), parsed.success ? parsed.data : [], JSON.stringify(sample));
    }
    assert.equal(parseStoredConnections([good]).length, 1);
  });
});
