import * as assert from 'node:assert/strict';
import {
  demoSettings,
  demoSettingsEveryStart,
  quietSettings,
  withMissingSettings,
} from '../../../tools/workbenchSettings';

describe('workbench settings of the tests and of npm start', () => {
  it('turn off forwarding other processes’ ports (no “Your application running on port …” notifications)', () => {
    assert.equal(quietSettings['remote.autoForwardPorts'], false);
    assert.equal(demoSettings['remote.autoForwardPorts'], false);
    assert.equal(demoSettingsEveryStart['remote.autoForwardPorts'], false);
  });

  it('a first start writes them all; a later one adds what is missing and keeps what the user set', () => {
    assert.deepEqual(JSON.parse(withMissingSettings(undefined, demoSettings) ?? ''), demoSettings);
    const earlier = JSON.stringify({ 'workbench.colorTheme': 'Default Light Modern', 'editor.fontSize': 16 });
    assert.deepEqual(JSON.parse(withMissingSettings(earlier, demoSettingsEveryStart) ?? ''), {
      'workbench.colorTheme': 'Default Light Modern',
      'editor.fontSize': 16,
      'remote.autoForwardPorts': false,
    });
    const forwarding = JSON.stringify({ 'remote.autoForwardPorts': true });
    assert.equal(withMissingSettings(forwarding, demoSettingsEveryStart), undefined, 'the user’s choice stays');
    assert.equal(withMissingSettings('{ // a comment\n}', demoSettingsEveryStart), undefined, 'not JSON: untouched');
  });
});
