import { createSearchIndex, search, type SearchHit, type SearchIndex, type SearchOptions } from '../search';
import { concernTag } from '../search/meaning';
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

/**
 * Index live templates; rebuild it when templates change (pinyin is cached per character). Each
 * template is tagged with the concerns it answers, so a search with a meaning finder
 * (lib/search/meaning.ts) finds it by what the agent typed means.
 */
export function createTemplateSearchIndex(templates: readonly Template[]): SearchIndex {
  const live = templates.filter((t) => t.deletedAt === undefined);
  return createSearchIndex(
    live.map((t) => ({
      id: t.id,
      // Shortcuts are indexed without their slash so `cm` and `/cm` both hit `/cm` exactly.
      fields: [
        t.shortcut?.slice(1) ?? '',
        t.title,
        t.folder,
        ...[t.variants['zh-CN'], t.variants['zh-TW'] ?? '', t.variants.en ?? ''].map(maskTemplateSyntax),
      ],
      tags: (t.conditions.concerns ?? []).map(concernTag),
    })),
    { fields: FIELD_OPTIONS },
  );
}

/**
 * Longest query searched; the rest of a pasted paragraph is ignored. Every term is matched against
 * every field, and typo matching costs the square of a term's length per candidate, so a pasted
 * 100 KB message would otherwise freeze the library for a minute.
 */
export const MAX_TEMPLATE_QUERY = 64;

/** Templates matching `query`, best first; with `options.meaning` also those answering what the query means. */
export function searchTemplates(
  index: SearchIndex,
  query: string,
  limit?: number,
  options?: SearchOptions,
): SearchHit[] {
  let head = query.slice(0, MAX_TEMPLATE_QUERY);
  // Do not keep half of a character cut at the limit.
  if (/[\uD800-\uDBFF]$/.test(head) && query.length > MAX_TEMPLATE_QUERY) head = head.slice(0, -1);
  const cleaned = head
    .split(/\s+/)
    .map((term) => term.replace(/^[/／]/, ''))
    .join(' ');
  return search(index, cleaned, limit, options);
}
