import { catalog } from './index';

/** The browser's i18n folders and the catalogue language each is written from. */
const LOCALE_DIRS = [
  ['zh_CN', 'zh'],
  ['en', 'en'],
] as const;

/**
 * The browser's message files (`_locales/<dir>/messages.json`) from the catalogue, so the manifest
 * and chrome.i18n see the same strings as the UI. The build emits them itself (wxt.config.ts), so
 * no build can come out without them (Chromium refuses such an extension without saying why).
 */
export function browserMessageFiles(): { relativeDest: string; contents: string }[] {
  return LOCALE_DIRS.map(([dir, lang]) => {
    const out: Record<string, { message: string }> = {};
    for (const [key, entry] of Object.entries(catalog)) {
      if (!/^[A-Za-z0-9_@]+$/.test(key))
        throw new Error(`lib/i18n: message key "${key}" may only use letters, digits, _ and @`);
      // chrome.i18n reads `$name$` as a placeholder: a literal dollar is written `$$`.
      out[key] = { message: entry[lang].replace(/\$/g, '$$$$') };
    }
    return { relativeDest: `_locales/${dir}/messages.json`, contents: JSON.stringify(out, null, 2) + '\n' };
  });
}
