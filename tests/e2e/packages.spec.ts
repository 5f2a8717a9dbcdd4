import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONSOLE_MATCHES } from '../../lib/consoles/matches';
import { translate } from '../../lib/i18n';
import { chromiumArgs, chromiumPath, ROOT } from '../../scripts/browser';
import { EXTENSION_ID, EXTENSION_PUBLIC_KEY } from '../../scripts/extension-key';
import { expect, importFiles, sidebarFrame, test } from './fixtures';
import { expectBuyer, fixtureExpected, orderFile, serveFixture } from './consoles-helpers';

// The packages `npm run zip` writes (`npm run test:e2e` runs it before these tests), read as a
// seller or a store gets them: the zip files themselves, not the build folders.
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const PACKAGE = (name: string) => join(ROOT, '.output', `huitouke-${VERSION}-${name}.zip`);

interface Manifest {
  key?: string;
  permissions?: string[];
  host_permissions?: string[];
  background?: { service_worker?: string; scripts?: string[] };
  content_scripts?: Array<{ matches: string[]; js?: string[] }>;
  browser_specific_settings?: {
    gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: unknown };
  };
}

const listing = (zip: string): string[] => execFileSync('unzip', ['-Z1', zip]).toString().split('\n').filter(Boolean);
const manifestIn = (zip: string): Manifest =>
  JSON.parse(execFileSync('unzip', ['-p', zip, 'manifest.json']).toString()) as Manifest;

test.describe('the packages npm run zip writes', () => {
  test('the Chrome/Edge package, unzipped and loaded in Chromium, has the fixed id and shows the sidebar on a console', async () => {
    test.setTimeout(120_000);
    const zip = PACKAGE('chrome');
    expect(existsSync(zip), `${zip} (npm run zip)`).toBe(true);
    expect(manifestIn(zip).key).toBe(EXTENSION_PUBLIC_KEY);

    const unpacked = mkdtempSync(join(tmpdir(), 'htk-package-'));
    const profile = mkdtempSync(join(tmpdir(), 'htk-profile-'));
    execFileSync('unzip', ['-q', zip, '-d', unpacked]);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: chromiumArgs(unpacked, false),
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
    });
    try {
      let [worker] = context.serviceWorkers();
      worker ??= await context.waitForEvent('serviceworker');
      const id = new URL(worker.url()).host;
      // The id comes from the manifest's key, so it is the same on every machine.
      expect(id).toBe(EXTENSION_ID);

      await importFiles(context, id, [orderFile('ExportOrderList-qianniu.csv')]);
      // The store build runs only on the real consoles: the Qianniu fixture is served at its real address.
      const page = await context.newPage();
      await page.goto(await serveFixture(context, 'qianniu'));
      const frame = await sidebarFrame(page, id);
      await expectBuyer(frame, fixtureExpected('qianniu').buyerNick, {
        level: 'VIP2',
        segment: 'general_develop',
        stage: 'active',
      });
    } finally {
      await context.close();
      rmSync(unpacked, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('the Firefox package: its own id, no data collected, no Chrome key, the same permissions and every file it names', () => {
    const zip = PACKAGE('firefox');
    expect(existsSync(zip), `${zip} (npm run zip)`).toBe(true);
    const files = new Set(listing(zip));
    const m = manifestIn(zip);
    const chrome = manifestIn(PACKAGE('chrome'));
    expect(m.browser_specific_settings?.gecko).toEqual({
      id: 'huitouke@huitouke.local',
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    });
    expect(m.key).toBeUndefined();
    // Firefox runs the background as an event page, not a service worker.
    expect(m.background?.scripts?.length).toBeGreaterThan(0);
    expect(m.background?.service_worker).toBeUndefined();
    expect([...(m.permissions ?? [])].sort()).toEqual([...(chrome.permissions ?? [])].sort());
    expect([...(m.host_permissions ?? [])].sort()).toEqual([...CONSOLE_MATCHES].sort());
    const named = [
      ...(m.background?.scripts ?? []),
      ...(m.content_scripts ?? []).flatMap((c) => c.js ?? []),
      '_locales/zh_CN/messages.json',
      '_locales/en/messages.json',
    ];
    for (const file of named) expect(files, file).toContain(file);
  });

  test('the listing material in store/ justifies every permission the package asks for and repeats its description', () => {
    const m = manifestIn(PACKAGE('chrome'));
    const justified = readFileSync(join(ROOT, 'store', 'permissions.md'), 'utf8');
    const headings = new Set([...justified.matchAll(/^## (\S+)/gm)].map((h) => h[1]));
    for (const permission of m.permissions ?? []) expect(headings, permission).toContain(permission);
    for (const host of m.host_permissions ?? []) {
      const shopee = /^https:\/\/seller\.shopee\.([a-z.]+)\/webchat\/\*$/.exec(host);
      expect(justified, host).toContain(shopee ? shopee[1]! : `\`${host}\``);
    }
    for (const [file, locale] of [
      ['description.zh-CN.md', 'zh-CN'],
      ['description.en.md', 'en'],
    ] as const) {
      expect(readFileSync(join(ROOT, 'store', file), 'utf8')).toContain(translate(locale, 'extDescription'));
    }
  });

  test('the sources package Firefox review asks for has what builds it and nothing private or generated', () => {
    const files = listing(PACKAGE('sources'));
    for (const needed of [
      'package.json',
      'package-lock.json',
      'wxt.config.ts',
      'scripts/extension-key.ts',
      'entrypoints/background/index.ts',
    ])
      expect(files).toContain(needed);
    expect(
      files.filter((f) => /(^|\/)(node_modules|\.output|demo\/dist|test-results)\//.test(f) || /\.pem$/.test(f)),
    ).toEqual([]);
  });
});
