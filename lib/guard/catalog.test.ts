import { describe, expect, it } from 'vitest';
import { followup } from '../i18n/catalog/followup';

describe('follow-up catalogue', () => {
  it('uses the same placeholders in Chinese and English, under prefixed keys', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, { zh, en }] of Object.entries(followup)) {
      expect(key).toMatch(/^followup_[A-Za-z0-9_]+$/);
      expect(zh.trim()).not.toBe('');
      expect(en.trim()).not.toBe('');
      expect([key, names(zh)]).toEqual([key, names(en)]);
    }
  });
});

describe('guard catalogue', () => {
  it('uses the same placeholders in Chinese and English, under prefixed keys', async () => {
    const { guard } = await import('../i18n/catalog/guard');
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, { zh, en }] of Object.entries(guard)) {
      expect(key).toMatch(/^guard_[A-Za-z0-9_]+$/);
      expect(zh.trim() || zh).not.toBe('');
      expect([key, names(zh)]).toEqual([key, names(en)]);
    }
  });
});
