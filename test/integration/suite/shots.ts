// Asks the launcher for a screenshot of the workbench while the tests are still running.
import { request } from 'undici';

export async function screenshot(name: string): Promise<void> {
  const url = process.env.CUSTOM_TEXT_SHOT_URL;
  if (url === undefined) return; // Desktop route (@vscode/test-electron): no screenshots.
  const res = await request(`${url}?name=${encodeURIComponent(name)}`);
  await res.body.text();
}
