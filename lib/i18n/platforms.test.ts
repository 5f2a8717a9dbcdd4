import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../schemas/common';
import { platformName } from './platforms';

describe('platform names', () => {
  it('names every platform in both languages, and anything else as other', () => {
    expect(platformName('taobao', 'zh-CN')).toBe('淘宝/天猫');
    expect(platformName('taobao', 'en')).toBe('Taobao/Tmall');
    expect(platformName('douyin', 'zh-CN')).toBe('抖店');
    expect(platformName('lazada', 'en')).toBe('Other');
    for (const p of PLATFORMS)
      for (const l of ['zh-CN', 'en'] as const) expect(platformName(p, l)).not.toMatch(/^platform_/);
  });
});
