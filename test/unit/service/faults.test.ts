import assert from 'node:assert/strict';
import { Faults, parseFaultRules } from '../../../src/service/faults';

describe('service fault injection', () => {
  it('matches by method and path regex, for a limited number of times', () => {
    const faults = new Faults();
    faults.set([{ method: 'POST', path: ':train$', status: 503, times: 2 }]);
    assert.equal(faults.match('GET', '/projects/p/:train'), undefined);
    assert.equal(faults.match('POST', '/projects/p/:train')?.status, 503);
    assert.equal(faults.match('POST', '/projects/p/:train')?.status, 503);
    assert.equal(faults.match('POST', '/projects/p/:train'), undefined);
  });

  it('defaults Retry-After to 1 second for 429', () => {
    const faults = new Faults();
    faults.set([{ path: '.', status: 429 }]);
    assert.equal(faults.match('GET', '/x')?.retryAfterSeconds, 1);
  });

  it('parses JSON rules with actionable errors', () => {
    assert.deepEqual(parseFaultRules('{"path":"/jobs","latencyMs":5}', 'env'), [{ path: '/jobs', latencyMs: 5 }]);
    assert.throws(() => parseFaultRules('not json', 'CUSTOM_TEXT_FAULTS'), /CUSTOM_TEXT_FAULTS: not valid JSON/);
    assert.throws(() => parseFaultRules('[{"path":"x","status":418}]', '--faults'), /--faults/);
    assert.throws(() => parseFaultRules('[{"path":"("}]', '--faults'), /not a valid regular expression/);
  });
});
