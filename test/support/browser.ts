import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium; deploy/hub.sh test installs it (apt-get) when it is missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../.run/screenshots');

/** A headless Chromium with a fresh profile, nothing from the network but what the page asks for. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: run the tests with deploy/hub.sh test (it installs it), or apt-get install -y chromium`,
    );
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'assist-hub-chromium-'));
  // launchPersistentContext is how Playwright takes a --user-data-dir: a new, empty one per run.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1440, height: 1000 },
    locale: 'zh-CN',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
