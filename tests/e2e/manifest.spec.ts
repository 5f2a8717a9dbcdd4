import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_MATCHES, DEMO_MATCHES } from '../../lib/consoles/matches';
import { ROOT } from '../../scripts/browser';

// Reads the builds `npm run test:e2e` makes: the store build and the demo/test build.
const STORE = join(ROOT, '.output', 'production', 'chrome-mv3');
const DEMO = join(ROOT, '.output', 'demo', 'chrome-mv3');

interface Manifest {
  host_permissions?: string[];
  optional_host_permissions?: string[];
  permissions?: string[];
  content_scripts?: Array<{ matches: string[] }>;
  content_security_policy?: { extension_pages?: string };
  web_accessible_resources?: Array<{ resources: string[]; matches: string[]; use_dynamic_url?: boolean }>;
  externally_connectable?: unknown;
}
const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** Everything the extension may do, exactly: a new permission is a decision, made here in the open. */
const PERMISSIONS = ['activeTab', 'alarms', 'notifications', 'scripting', 'storage', 'unlimitedStorage'];
/** Custom consoles and the shop server ask for their own site at run time, one origin at a time. */
const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];
/**
 * The sidebar page only, only through the per-session dynamic URL (so no page can probe for the
 * extension or frame a copy at a fixed address), on any site a console, built-in or custom, runs on.
 */
const WEB_ACCESSIBLE = [{ resources: ['sidebar.html'], matches: ['https://*/*', 'http://*/*'], use_dynamic_url: true }];

const BUILDS = [
  { name: 'store', dir: STORE, hosts: [...CONSOLE_MATCHES] },
  { name: 'demo/test', dir: DEMO, hosts: [...CONSOLE_MATCHES, ...DEMO_MATCHES] },
];

test.describe('the built manifest', () => {
  for (const build of BUILDS) {
    test(`${build.name} build: exactly these permissions, hosts and web-accessible resources`, () => {
      const m = manifest(build.dir);
      expect([...(m.permissions ?? [])].sort()).toEqual(PERMISSIONS);
      expect([...(m.host_permissions ?? [])].sort()).toEqual([...build.hosts].sort());
      expect(m.optional_host_permissions).toEqual(OPTIONAL_HOSTS);
      expect(m.web_accessible_resources).toEqual(WEB_ACCESSIBLE);
      expect(m.content_scripts?.map((c) => [...c.matches].sort())).toEqual([[...build.hosts].sort()]);
      // No web page may message the extension.
      expect(m.externally_connectable).toBeUndefined();
    });
  }

  test('the store build asks only for the listed consoles, never for all sites', () => {
    const m = manifest(STORE);
    const text = JSON.stringify(m);
    expect(text).not.toContain('<all_urls>');
    expect(m.host_permissions?.sort()).toEqual([...CONSOLE_MATCHES].sort());
    expect(m.content_scripts?.[0]?.matches.sort()).toEqual([...CONSOLE_MATCHES].sort());
    for (const local of ['127.0.0.1', 'localhost']) expect(text).not.toContain(local);
    // Custom consoles are asked for at run time, one origin at a time.
    expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  });

  test('extension pages run only their own scripts and connect only where a host permission allows', () => {
    for (const dir of [STORE, DEMO]) {
      const csp = manifest(dir).content_security_policy?.extension_pages ?? '';
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline/);
      // The shop server's address is typed at run time: connections may go out by scheme, and each
      // origin needs the optional host permission asked for when connecting (team section).
      const directives = csp.split(';').map((d) => d.trim());
      expect(directives).toContain("connect-src 'self' https: http:");
      expect(directives.filter((d) => /https?:/.test(d))).toEqual(["connect-src 'self' https: http:"]);
    }
  });

  test('no remote code: no script is loaded from the network', () => {
    for (const file of files(STORE).filter((f) => /\.(js|html)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/<script[^>]+src=["']https?:/i);
      expect(text, file).not.toMatch(/importScripts\(\s*["']https?:/);
      expect(text, file).not.toMatch(/import\(\s*["']https?:/);
    }
  });
});
