// `npm start`: build the demo/test extension, serve the demo console on 127.0.0.1, open Chromium
// with the extension and the demo shop's orders imported, and show the console with the sidebar.
// With a display it stays open; without one (or with --headless) it saves demo-screenshot.png and exits.
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath, DEMO_EXTENSION_DIR, ROOT } from './browser';
import { findDemoExport } from './demo-data';
import { seedDemoContacts } from './demo-seed';
import { startDemoServer } from './demo-serve';

const args = process.argv.slice(2);
const headless = args.includes('--headless') || !process.env.DISPLAY;
const skipBuild = args.includes('--no-build');
const SCREENSHOT = join(ROOT, 'demo-screenshot.png');
/** A returning buyer with concerns in the demo script, so the first screen shows the product at work. */
const FIRST_BUYER = process.env.HTK_DEMO_BUYER ?? '';

function step(text: string) {
  console.log(`\n▶ ${text}`);
}

async function main() {
  if (!skipBuild) {
    step('Building the extension (demo build) and the demo console…');
    const r = spawnSync('npm', ['run', '--silent', 'build:demo'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
  step('Serving the demo console…');
  const server = await startDemoServer(0, '127.0.0.1');
  console.log(`  ${server.url}`);

  step(`Starting Chromium${headless ? ' (headless)' : ''} with the extension…`);
  const profile = mkdtempSync(join(tmpdir(), 'huitouke-demo-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless,
    args: chromiumArgs(DEMO_EXTENSION_DIR, false),
    viewport: headless ? { width: 1440, height: 860 } : null,
    locale: 'zh-CN',
  });
  const cleanup = async () => {
    await context.close().catch(() => {});
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
    const extensionId = new URL(worker.url()).host;

    step("Importing the demo shop's order export (2,000 buyers, 10,000 orders)…");
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#/data`);
    // Built just now (or by the last build with --no-build), named for the day it is dated from.
    await options.getByTestId('import-file').setInputFiles(findDemoExport());
    const done = options.getByTestId('import-done');
    await done.waitFor({ timeout: 120_000 });
    console.log(`  ${(await done.textContent())?.trim()}`);

    step("Adding the demo shop's contact history (coupons, care messages and 催付 its agents sent)…");
    console.log(
      `  ${await seedDemoContacts(context)} contacts: the dashboard (工作台 → 数据看板) shows how buyers responded.`,
    );

    step('Opening the demo console…');
    const page = headless ? await context.newPage() : options;
    await page.goto(`${server.url}${FIRST_BUYER ? `?buyer=${encodeURIComponent(FIRST_BUYER)}` : ''}`);
    await page.bringToFront();
    const frame = await waitForSidebar(page, extensionId);
    const nick = (await frame.getByTestId('buyer-nick').textContent())?.trim();
    console.log(`  Sidebar shows buyer: ${nick}`);

    if (headless) {
      // Let the sidebar settle (fonts, the concern chips of the open conversation).
      await page.waitForTimeout(800);
      await page.screenshot({ path: SCREENSHOT });
      console.log(`\n✔ Screenshot of the console with the sidebar: ${SCREENSHOT}`);
      await cleanup();
      return;
    }
    console.log('\n✔ Chromium is open with the demo console. Close the browser window (or press Ctrl+C) to stop.');
    await new Promise<void>((resolve) => {
      context.on('close', () => resolve());
      process.once('SIGINT', () => resolve());
    });
    await cleanup();
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function waitForSidebar(page: import('@playwright/test').Page, extensionId: string) {
  // The extension's id, or its per-session dynamic id for web-accessible pages.
  void extensionId;
  const isSidebar = (u: string) => /^chrome-extension:\/\/[a-z0-9]+\/sidebar\.html/.test(u);
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => isSidebar(f.url()));
    if (frame) {
      await frame.getByTestId('buyer-nick').waitFor({ timeout: 20_000 });
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('The sidebar did not appear in the demo console.');
}

main().catch((error: unknown) => {
  console.error(`\n✖ npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
