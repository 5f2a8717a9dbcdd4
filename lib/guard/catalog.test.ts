import { describe, expect, it } from 'vitest';
import { outreach } from '../i18n/catalog/outreach';
import { reminders } from '../i18n/catalog/reminders';

describe('outreach and reminder catalogues', () => {
  it('uses the same placeholders in Chinese and English, under prefixed keys', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, { zh, en }] of Object.entries({ ...outreach, ...reminders })) {
      expect(key).toMatch(/^(coupon_|contact_cap|sendCheck_|reminder_)[A-Za-z0-9_]+$/);
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
