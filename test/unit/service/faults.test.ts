import assert from 'node:assert/strict';
import { Faults, MAX_FAULT_DELAY_MS, parseFaultRules } from '../../../src/service/faults';

describe('service fault injection', () => {
  it('matches by method and path, for a limited number of times', () => {
    const faults = new Faults();
    faults.set([{ method: 'POST', path: ':train$', status: 503, times: 2 }]);
    assert.equal(faults.match('GET', '/projects/p/:train'), undefined);
    assert.equal(faults.match('POST', '/projects/p/:train')?.status, 503);
    assert.equal(faults.match('POST', '/projects/p/:train')?.status, 503);
    assert.equal(faults.match('POST', '/projects/p/:train'), undefined);
  });

  it('defaults Retry-After to 1 second for 429', () => {
    const faults = new Faults();
    faults.set([{ path: '', status: 429 }]);
    assert.equal(faults.match('GET', '/x')?.retryAfterSeconds, 1);
  });

  it('matches the path literally: anywhere, pinned to the start with ^, to the end with $, or both', () => {
    const faults = new Faults();
    const matches = (path: string, target: string): boolean => {
      faults.set([{ path, status: 503 }]);
      return faults.match('GET', target) !== undefined;
    };
    assert.equal(matches('/projects', '/language/authoring/analyze-text/projects/p'), true);
    assert.equal(matches('^/projects', '/language/authoring/analyze-text/projects'), false);
    assert.equal(matches('^/language/', '/language/authoring'), true);
    assert.equal(matches('/projects$', '/analyze-text/projects/p'), false);
    assert.equal(matches('^/a.b$', '/a.b'), true);
    assert.equal(matches('^/a.b$', '/aXb'), false, 'a dot is a dot, not any character');
  });

  it('refuses regular expressions, so no rule can backtrack for seconds on each request', () => {
    for (const path of ['^/(a+)+$', '(x|y)', 'a*', '/jobs/.+', '[a-z]', 'a{2,}', '\\d', 'a^b', 'a$b']) {
      assert.throws(
        () => parseFaultRules(JSON.stringify([{ path }]), '--faults'),
        /--faults: [^]*not as a regular expression/,
      );
      assert.throws(
        () => {
          new Faults().set([{ path }]);
        },
        /fault rule: [^]*not as a regular expression/,
        path,
      );
    }
  });

  it(`refuses a latency or job delay over ${MAX_FAULT_DELAY_MS} ms, which a timer would fire at once`, () => {
    for (const field of ['latencyMs', 'jobDelayMs']) {
      const rule = (ms: number): string => JSON.stringify([{ path: '/jobs', [field]: ms }]);
      assert.throws(() => parseFaultRules(rule(3e9), 'CUSTOM_TEXT_FAULTS'), /CUSTOM_TEXT_FAULTS: [^]*at most 60000 ms/);
      assert.throws(() => parseFaultRules(rule(MAX_FAULT_DELAY_MS + 1), '--faults'), /at most 60000 ms/);
      assert.deepEqual(parseFaultRules(rule(MAX_FAULT_DELAY_MS), '--faults'), [
        { path: '/jobs', [field]: MAX_FAULT_DELAY_MS },
      ]);
    }
    assert.throws(() => {
      new Faults().set([{ path: '/jobs', latencyMs: 3e9 }]);
    }, /fault rule: [^]*at most 60000 ms/);
  });

  it('parses JSON rules with actionable errors', () => {
    assert.deepEqual(parseFaultRules('{"path":"/jobs","latencyMs":5}', 'env'), [{ path: '/jobs', latencyMs: 5 }]);
    assert.throws(() => parseFaultRules('not json', 'CUSTOM_TEXT_FAULTS'), /CUSTOM_TEXT_FAULTS: not valid JSON/);
    assert.throws(() => parseFaultRules('[{"path":"x","status":418}]', '--faults'), /--faults/);
  });
});
