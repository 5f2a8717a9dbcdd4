import { describe, expect, it } from 'vitest';
import { browserMessageFiles } from './browser-messages';
import { catalog } from './index';

describe('browser message files', () => {
  const files = new Map(
    browserMessageFiles().map((f) => [f.relativeDest, JSON.parse(f.contents) as Record<string, { message: string }>]),
  );

  it('give Chinese (the default locale) and English every catalogue key', () => {
    expect([...files.keys()].sort()).toEqual(['_locales/en/messages.json', '_locales/zh_CN/messages.json']);
    for (const messages of files.values()) expect(Object.keys(messages).sort()).toEqual(Object.keys(catalog).sort());
    expect(files.get('_locales/zh_CN/messages.json')!.extName!.message).toBe(catalog.extName.zh);
    expect(files.get('_locales/en/messages.json')!.extName!.message).toBe(catalog.extName.en);
  });

  it('write a literal dollar as $$, which chrome.i18n reads back as one', () => {
    const zh = files.get('_locales/zh_CN/messages.json')!;
    for (const [key, entry] of Object.entries(catalog)) expect(zh[key]!.message.replace(/\$\$/g, '$')).toBe(entry.zh);
  });
});
