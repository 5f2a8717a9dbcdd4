// `npm run screenshots`: the store listing's screenshots (1280×800 PNG, the size the Chrome Web
// Store and Edge Add-ons take), made from the demo shop with the demo build, in Chinese and in
// English, into store/screenshots/. Builds the demo first unless --no-build.
import { chromium, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath, DEMO_EXTENSION_DIR, ROOT } from './browser';
import { findDemoExport } from './demo-data';
import { seedDemoContacts } from './demo-seed';
import { startDemoServer } from './demo-serve';

const OUT = join(ROOT, 'store', 'screenshots');
const SIZE = { width: 1280, height: 800 };
const LOCALES = ['zh-CN', 'en'] as const;

async function sidebar(page: Page): Promise<Frame> {
  const isSidebar = (u: string) => /^chrome-extension:\/\/[a-z0-9]+\/sidebar\.html/.test(u);
  for (let i = 0; i < 200; i++) {
    const frame = page.frames().find((f) => isSidebar(f.url()));
    if (frame) {
      await frame.getByTestId('buyer-nick').waitFor({ timeout: 20_000 });
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('The sidebar did not appear in the demo console.');
}

async function shoot(
  context: BrowserContext,
  consoleUrl: string,
  extensionId: string,
  locale: string,
): Promise<string[]> {
  const written: string[] = [];
  const save = async (page: Page, name: string) => {
    await page.waitForTimeout(600);
    const path = join(OUT, `${locale}-${name}.png`);
    await page.screenshot({ path });
    written.push(path);
  };
  const options = await context.newPage();
  await options.setViewportSize(SIZE);
  await options.goto(`chrome-extension://${extensionId}/options.html#/settings`);
  // The UI language is a setting; the listing shows each language's own.
  await options.getByTestId('settings-locale').selectOption(locale);
  await options.getByTestId('settings-save').click();
  await options.waitForTimeout(300);

  const consolePage = await context.newPage();
  await consolePage.setViewportSize(SIZE);
  await consolePage.goto(consoleUrl);
  await sidebar(consolePage);
  await save(consolePage, '1-sidebar');

  for (const [section, name] of [
    ['data', '2-buyers'],
    ['templates', '3-templates'],
    ['dashboard', '4-dashboard'],
  ] as const) {
    await options.goto(`chrome-extension://${extensionId}/options.html#/${section}`);
    await options.reload();
    await options.locator('#root').waitFor();
    await save(options, name);
  }
  await consolePage.close();
  await options.close();
  return written;
}

async function main() {
  if (!process.argv.includes('--no-build')) {
    const r = spawnSync('npm', ['run', '--silent', 'build:demo'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
  mkdirSync(OUT, { recursive: true });
  const server = await startDemoServer(0, '127.0.0.1');
  const profile = mkdtempSync(join(tmpdir(), 'huitouke-shots-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(DEMO_EXTENSION_DIR, false),
    viewport: SIZE,
    locale: 'zh-CN',
  });
  try {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
    const extensionId = new URL(worker.url()).host;
    const importer = await context.newPage();
    await importer.goto(`chrome-extension://${extensionId}/options.html#/data`);
    await importer.getByTestId('import-file').setInputFiles(findDemoExport());
    await importer.getByTestId('import-done').waitFor({ timeout: 180_000 });
    await importer.close();
    await seedDemoContacts(context);
    for (const locale of LOCALES) {
      for (const path of await shoot(context, server.url, extensionId, locale)) console.log(`  ${path}`);
    }
  } finally {
    await context.close().catch(() => {});
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`✖ npm run screenshots failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
