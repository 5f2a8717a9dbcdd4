import { describe, expect, it } from 'vitest';
import { templates } from '../i18n/catalog/templates';
import { translate } from '../i18n';
import { TEMPLATE_VARIABLES } from './variables';
import { describeVariable } from './describe';

describe('templates catalogue', () => {
  it('uses the same placeholders in Chinese and English, under prefixed keys', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, { zh, en }] of Object.entries(templates)) {
      expect(key).toMatch(/^templates_[A-Za-z0-9_]+$/);
      expect(zh.trim() && en.trim(), key).toBeTruthy();
      expect([key, names(zh)]).toEqual([key, names(en)]);
    }
  });

  it('describes every variable in both UI languages', () => {
    for (const { name } of TEMPLATE_VARIABLES) {
      expect(describeVariable(name, 'zh-CN')).not.toBe(name);
      expect(describeVariable(name, 'en')).not.toBe(describeVariable(name, 'zh-CN'));
    }
    expect(translate('en', 'templates_stage_silent')).toBe('Silent');
  });
});
