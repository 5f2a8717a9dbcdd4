import { createSearchIndex, search, type SearchHit, type SearchIndex } from '../search';
import type { Template } from './schema';

/** Field order in a template's search entry; `SearchHit.matches[].field` indexes this. */
export const TEMPLATE_SEARCH_FIELDS = ['shortcut', 'title', 'folder', 'zh-CN', 'zh-TW', 'en'] as const;

const FIELD_OPTIONS = [
  { weight: 4 },
  { weight: 3 },
  { weight: 1.5 },
  { weight: 1, minPinyinTerm: 3, pinyinTypos: false },
  { weight: 1, minPinyinTerm: 3, pinyinTypos: false },
  { weight: 1, pinyin: false },
];

/**
 * Blank out template syntax so `buyer` or `ask` does not match every body, keeping a blank's label
 * (agents remember "建议尺码") and every offset (highlights still line up with the body).
 */
export function maskTemplateSyntax(body: string): string {
  return body.replace(/\{\{([^{}]*)\}\}/g, (whole: string, inner: string) => {
    const ask = /^(\s*ask\s*[:：])(.*)$/is.exec(inner);
    if (!ask) return ' '.repeat(whole.length);
    return ' '.repeat(2 + ask[1]!.length) + ask[2]! + '  ';
  });
}

/** Index live templates; rebuild it when templates change (pinyin is cached per character). */
export function createTemplateSearchIndex(templates: readonly Template[]): SearchIndex {
  const live = templates.filter((t) => t.deletedAt === undefined);
  return createSearchIndex(
    live.map((t) => ({
      id: t.id,
      // Shortcuts are indexed without their slash so `cm` and `/cm` both hit `/cm` exactly.
      fields: [t.shortcut?.slice(1) ?? '', t.title, t.folder, ...[t.variants['zh-CN'], t.variants['zh-TW'] ?? '', t.variants.en ?? ''].map(maskTemplateSyntax)],
    })),
    { fields: FIELD_OPTIONS },
  );
}

export function searchTemplates(index: SearchIndex, query: string, limit?: number): SearchHit[] {
  const cleaned = query
    .split(/\s+/)
    .map((term) => term.replace(/^[/／]/, ''))
    .join(' ');
  return search(index, cleaned, limit);
}
