import assert from 'node:assert/strict';
import { ValidationError } from '../../../src/api/errors';
import { nameSegment, validateName } from '../../../src/api/names';

describe('api names', () => {
  it('accepts letters, digits, _ - . up to 50 characters', () => {
    assert.equal(validateName('project', 'Loan_Agreements-v2.1'), 'Loan_Agreements-v2.1');
    assert.equal(nameSegment('model', 'a'.repeat(50)), 'a'.repeat(50));
  });

  it('says what is wrong', () => {
    assert.throws(() => validateName('project', ''), /project name is empty/);
    assert.throws(() => validateName('model', 'a'.repeat(51)), /51 characters; the limit is 50/);
    assert.throws(
      () => validateName('deployment', 'prod/blue'),
      (e: unknown) => e instanceof ValidationError && e.message.includes('contains "/"'),
    );
    assert.throws(() => validateName('project', 'global'), /reserved/);
  });
});
