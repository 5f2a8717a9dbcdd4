import { describe, expect, it } from 'vitest';
import { createTemplateSearchIndex, defaultTemplates, type Template } from '@/lib/templates';
import { EMPTY_FILTER, filterTemplates } from './filters';

const NOW = Date.UTC(2026, 10, 20);
const DAY = 86_400_000;

function library(): Template[] {
  const all = defaultTemplates();
  all[0]!.lastUsedAt = NOW - 2 * DAY;
  all[1]!.lastUsedAt = NOW - 40 * DAY;
  all[2]!.enabled = false;
  delete all[3]!.variants.en;
  return all;
}

describe('template list filters', () => {
  it('finds a template the way the sidebar does, by pinyin initials of its title', () => {
    const all = library();
    const target = all.find((t) => t.title.includes('尺码'))!;
    const found = filterTemplates(all, createTemplateSearchIndex(all), { ...EMPTY_FILTER, query: 'cm' }, NOW);
    expect(found.map((t) => t.id)).toContain(target.id);
    expect(found.length).toBeLessThan(all.length);
  });

  it('lists stale templates: never used or not in 30 days', () => {
    const all = library();
    const stale = filterTemplates(all, null, { ...EMPTY_FILTER, unused: true }, NOW);
    expect(stale.some((t) => t.id === all[0]!.id)).toBe(false);
    expect(stale.some((t) => t.id === all[1]!.id)).toBe(true);
    expect(stale).toHaveLength(all.length - 1);
  });

  it('filters by enabled, concern, stage, language and folder', () => {
    const all = library();
    expect(filterTemplates(all, null, { ...EMPTY_FILTER, enabled: 'off' }, NOW).map((t) => t.id)).toEqual([all[2]!.id]);
    const size = filterTemplates(all, null, { ...EMPTY_FILTER, concern: 'size' }, NOW);
    expect(size.length).toBeGreaterThan(0);
    expect(size.every((t) => t.conditions.concerns?.includes('size'))).toBe(true);
    expect(filterTemplates(all, null, { ...EMPTY_FILTER, lang: 'missing' }, NOW).map((t) => t.id)).toEqual([
      all[3]!.id,
    ]);
    const folder = all[0]!.folder.split('/')[0]!;
    const inFolder = filterTemplates(all, null, { ...EMPTY_FILTER, folder }, NOW);
    expect(inFolder.every((t) => t.folder === folder || t.folder.startsWith(`${folder}/`))).toBe(true);
    expect(inFolder.length).toBeLessThan(all.length);
  });
});
