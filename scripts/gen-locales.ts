// Writes the browser's i18n message files from lib/i18n's catalogue, so the manifest and
// chrome.i18n see the same strings as the UI. Run by the build scripts; idempotent.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalog } from '../lib/i18n/index';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const [dir, lang] of [['zh_CN', 'zh'], ['en', 'en']] as const) {
  const out: Record<string, { message: string }> = {};
  for (const [key, entry] of Object.entries(catalog)) {
    if (!/^[A-Za-z0-9_@]+$/.test(key)) throw new Error(`lib/i18n: message key "${key}" may only use letters, digits, _ and @`);
    out[key] = { message: entry[lang].replace(/\$/g, '$$$$') };
  }
  const file = join(root, 'public', '_locales', dir, 'messages.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
}
