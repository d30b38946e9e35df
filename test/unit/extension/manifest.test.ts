import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandId } from '../../../src/commands/ids';
import { ENTITY_COLOR_COUNT, entityColorId } from '../../../src/core/entityColors';
import { reviewColorIds } from '../../../src/core/testSetView';

interface Manifest {
  activationEvents: string[];
  capabilities: Partial<Record<string, { supported: boolean | string; description: string }>>;
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command: string }[]>;
    views: Record<string, { id: string }[]>;
    colors: { id: string; defaults: Record<string, string> }[];
  };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

describe('package.json contributions', () => {
  it('contributes exactly the commands the code registers', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(CommandId).sort());
  });

  it('contributes a color for each entity color and review verdict the code uses', () => {
    const ids = manifest.contributes.colors.map((c) => c.id);
    assert.deepEqual(ids, [
      ...Array.from({ length: ENTITY_COLOR_COUNT }, (_, i) => entityColorId(i + 1)),
      ...Object.values(reviewColorIds),
    ]);
    for (const c of manifest.contributes.colors) {
      assert.deepEqual(Object.keys(c.defaults).sort(), ['dark', 'highContrast', 'highContrastLight', 'light']);
    }
  });

  it('menus only name contributed commands', () => {
    const known = new Set<string>(Object.values(CommandId));
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(known.has(item.command), `${menu} names ${item.command}`);
    }
  });

  it('activates lazily: no eager activation events', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(!manifest.activationEvents.includes('onStartupFinished'));
  });

  it('declares on purpose that it stays off in untrusted and virtual workspaces, and says why', () => {
    const { untrustedWorkspaces, virtualWorkspaces } = manifest.capabilities;
    assert.equal(untrustedWorkspaces?.supported, false);
    assert.match(untrustedWorkspaces.description, /Restricted Mode/);
    assert.equal(virtualWorkspaces?.supported, false);
  });
});
