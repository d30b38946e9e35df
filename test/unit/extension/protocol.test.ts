import * as assert from 'node:assert/strict';
import { webviewToHostSchema } from '../../../src/webview/protocol';

describe('results panel protocol', () => {
  it('accepts the messages the page sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'rendered', seq: 3, entities: 2, classes: 0, relations: 1, files: 0 },
      { type: 'reveal', entityIndex: 0 },
      { type: 'openFile', row: 4 },
    ]) {
      assert.equal(webviewToHostSchema.safeParse(message).success, true, JSON.stringify(message));
    }
  });

  it('drops anything else: unknown types, negative or fractional indexes, missing fields', () => {
    for (const message of [
      { type: 'runCommand', command: 'workbench.action.quit' },
      { type: 'reveal', entityIndex: -1 },
      { type: 'openFile', row: 1.5 },
      { type: 'rendered', entities: 1 },
      'ready',
      null,
    ]) {
      assert.equal(webviewToHostSchema.safeParse(message).success, false, JSON.stringify(message));
    }
  });
});
