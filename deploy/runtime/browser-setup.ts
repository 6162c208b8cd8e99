import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { say } from './processes';

const CHROMIUM = '/usr/bin/chromium';

const aptInstall = (packages: string[]): boolean => {
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (install()) return true;
  // A fresh machine may not have package lists yet.
  spawnSync('apt-get', ['update'], { stdio: 'inherit' });
  return install();
};

/**
 * The console's browser test drives Debian's Chromium (playwright-core brings no browser), and its
 * screenshots need a font with Chinese glyphs. Installed with apt-get when missing; if that fails
 * the browser test fails and says why, it is never skipped.
 */
export function ensureBrowser(): void {
  if (!fs.existsSync(CHROMIUM)) {
    say('installing Chromium for the console browser test (apt-get install -y chromium)...');
    if (!aptInstall(['chromium'])) say('could not install Chromium; the console browser test will fail');
  }
  const cjk = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  if (cjk.status === 0 && cjk.stdout.trim() === '') {
    say('installing a Chinese font for the console screenshots (fonts-wqy-zenhei)...');
    aptInstall(['fonts-wqy-zenhei']);
  }
}
