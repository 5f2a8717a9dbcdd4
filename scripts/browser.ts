// Where Chromium is and how we start it, shared by `npm start`, the e2e tests and the benchmarks.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The demo/test build; HTK_EXTENSION_DIR points tests at another build of it. */
export const DEMO_EXTENSION_DIR = process.env.HTK_EXTENSION_DIR ?? join(ROOT, '.output', 'demo', 'chrome-mv3');

export function chromiumPath(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found)
    throw new Error(
      "Chromium not found: run `npm test` or `npm start` as root to install Debian's chromium, or set CHROMIUM_PATH.",
    );
  return found;
}

/** Flags for this machine: no sandbox as root, and nothing that phones home (the network is closed). */
export function chromiumArgs(extensionDir = DEMO_EXTENSION_DIR, headless = true): string[] {
  return [
    ...(headless ? ['--headless=new'] : []),
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--lang=zh-CN',
  ];
}
