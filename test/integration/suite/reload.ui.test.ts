// A window reloaded with the Custom Text view shown: what the view shows from the new page's first moment until
// its root rows (Local and the Azure connections). They need only the extension activated, not the local service.
import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { reloadWindowShowing } from './driver';
import { activateExtension, extensionId } from './helpers';

/** From the provider's arrival to the root rows (see the test). */
const rowsBoundMs = 4000;

const say = (line: string): void => {
  console.log(`[suite]       ${line}`);
};

/** Every extension host log under a folder (each window's extension host writes one). */
async function extensionHostLogs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((name) => /exthost\d*\.log$/.test(name)).map((name) => join(dir, name));
}

/** A log line's time (VS Code writes local time, to the millisecond), in epoch ms. */
const lineTime = (line: string): number | undefined => {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
  return m ? new Date(`${m[1]}T${m[2]}`).getTime() : undefined;
};

/** The latest activation of this extension any extension host logged: when, and the host's log from there. */
interface Activation {
  /** When the extension host logged the activation, and when it had started, in epoch ms. */
  at: number;
  hostStartedAt: number;
  /** That host's log, and its file. */
  lines: string[];
  file: string;
}

async function lastActivation(logsDir: string): Promise<Activation> {
  let last: Activation | undefined;
  for (const file of await extensionHostLogs(logsDir)) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    for (const line of lines) {
      const at = lineTime(line);
      if (at !== undefined && line.includes(`_doActivateExtension ${extensionId}`) && (last?.at ?? 0) < at)
        last = {
          at,
          hostStartedAt: lineTime(lines.find((l) => /Extension host with pid \d+ started/.test(l)) ?? '') ?? at,
          lines,
          file,
        };
    }
  }
  assert.ok(last, `an extension host under ${logsDir} logged the extension's activation`);
  return last;
}

suite('Window reload with the Custom Text view shown', () => {
  test('no "no data provider" once the view shows the extension; root rows before Local\'s items', async function () {
    this.timeout(240_000); // A second window opens, starts, shows the view and reloads.
    const api = await activateExtension();
    // A folder of its own: nothing in it activates the extension (no labels file), only the view being shown.
    const folder = await mkdtemp(join(tmpdir(), 'custom-text-reload-'));
    try {
      const { states, timeOrigin, marks } = await reloadWindowShowing({
        folder,
        container: 'Custom Text',
        selector: '.part.sidebar',
        until: /Local/,
      });
      for (const { ms, text } of states) say(`${ms} ms: ${text.replace(/\s*\n\s*/g, ' | ').slice(0, 140)}`);
      for (const { name, ms } of marks)
        if (/LifecyclePhase|RestoreViewlet|ExtensionHost|LoadExtensions/.test(name)) say(`mark ${ms} ms: ${name}`);
      // This window's logs are in a folder of the server's log folder, beside the other windows'.
      const activation = await lastActivation(dirname(dirname(dirname(api.logUri.fsPath))));
      for (const line of activation.lines) {
        const at = lineTime(line);
        if (at !== undefined) say(`exthost ${at - timeOrigin} ms: ${line.slice(24, 200)}`);
      }
      for (const name of await readdir(dirname(activation.file), { recursive: true }))
        if (name.endsWith('Custom Text Studio.log'))
          for (const line of (await readFile(join(dirname(activation.file), name), 'utf8')).split('\n')) {
            const at = lineTime(line);
            if (at !== undefined) say(`extension ${at - timeOrigin} ms: ${line.slice(24, 200)}`);
          }
      const activatedAt = activation.at - timeOrigin;
      say(`activation: ${activatedAt} ms`);
      // Restoring the window, VS Code draws the view before the extension host has even started (see the
      // timeline above): until it has read the extensions' welcome contents, which it does in idle moments
      // afterwards, a view without its provider says "no data provider". Once the view shows anything of the
      // extension (its welcome, its rows), it must never say so again.
      const ours = states.findIndex((s) => /Starting Custom Text Studio|Local/.test(s.text));
      assert.ok(ours >= 0, 'the view showed its welcome or its rows');
      const late = states.slice(ours).find((s) => /no data provider/i.test(s.text));
      assert.equal(late, undefined, `"no data provider" after the view showed the extension's content`);
      // The provider arrived when the view stopped saying "no data provider" (or "Starting…").
      const waiting = (text: string): boolean => /no data provider|Starting Custom Text Studio/i.test(text);
      const lastWaiting = states.findLastIndex((s) => waiting(s.text));
      const providedAt = states[lastWaiting + 1]?.ms ?? states[0]?.ms ?? 0;
      const rowsAt = states.find((s) => /Local/.test(s.text))?.ms;
      assert.ok(rowsAt !== undefined, 'the view showed its root rows');
      const shownFor = states
        .map((s, i) => (/no data provider/i.test(s.text) ? (states[i + 1]?.ms ?? s.ms) - s.ms : 0))
        .reduce((a, b) => a + b, 0);
      say(
        `reload → "no data provider" ${shownFor} ms in all; → extension host started ` +
          `${activation.hostStartedAt - timeOrigin} ms; → activation ${activatedAt} ms; → provider ${providedAt} ms; ` +
          `→ root rows ${rowsAt} ms (${rowsAt - providedAt} ms after the provider, ${rowsAt - activatedAt} ms after activation)`,
      );
      // Root rows need no part of the backend: they come with Local saying its service is starting, not with
      // its items (the rows used to wait for those: the backend's load, the service's start, the first listing).
      const rows = states.find((s) => /Local/.test(s.text))?.text ?? '';
      assert.match(rows, /Starting the local service/, 'the root rows came before Local had its items');
      // A ceiling rather than a target: from the provider's arrival VS Code needs two round trips to an extension
      // host that is activating the built-in extensions at that moment; on this 2-core machine that took 0.6–2.5 s
      // in the runs before and after the change alike. Beyond the ceiling something of ours is in the way again.
      assert.ok(rowsAt - providedAt <= rowsBoundMs, `root rows ${rowsAt - providedAt} ms after the provider`);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
