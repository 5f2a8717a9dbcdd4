import type { SearchIndex } from '@/lib/search';
import type { StageId } from '@/lib/schemas/buyer';
import { searchTemplates, type Template } from '@/lib/templates';

/** The template list's filters; the search is the sidebar's, so a supervisor finds what agents find. */
export interface TemplateFilter {
  query: string;
  /** null = every folder; '' = top level only; otherwise a folder and its subfolders. */
  folder: string | null;
  /** 'zh-TW' / 'en': has that variant; 'missing': lacks zh-TW or en. */
  lang: 'all' | 'zh-TW' | 'en' | 'missing';
  concern: string;
  stage: StageId | '';
  enabled: 'all' | 'on' | 'off';
  /** Not inserted in the last 30 days (or never). */
  unused: boolean;
}

export const EMPTY_FILTER: TemplateFilter = {
  query: '',
  folder: null,
  lang: 'all',
  concern: '',
  stage: '',
  enabled: 'all',
  unused: false,
};

export const UNUSED_DAYS = 30;

function inFolder(t: Template, folder: string | null): boolean {
  if (folder === null) return true;
  if (folder === '') return t.folder === '';
  return t.folder === folder || t.folder.startsWith(`${folder}/`);
}

export function passes(t: Template, f: TemplateFilter, now: number): boolean {
  if (t.deletedAt !== undefined || !inFolder(t, f.folder)) return false;
  if (f.lang === 'zh-TW' && !t.variants['zh-TW']) return false;
  if (f.lang === 'en' && !t.variants.en) return false;
  if (f.lang === 'missing' && t.variants['zh-TW'] && t.variants.en) return false;
  if (f.concern && !t.conditions.concerns?.includes(f.concern)) return false;
  if (f.stage && !t.conditions.stages?.includes(f.stage)) return false;
  if (f.enabled === 'on' && !t.enabled) return false;
  if (f.enabled === 'off' && t.enabled) return false;
  if (f.unused && t.lastUsedAt !== null && now - t.lastUsedAt < UNUSED_DAYS * 86_400_000) return false;
  return true;
}

/**
 * Templates passing the filters: by search relevance when there is a query, otherwise by folder
 * and manual order (the order agents see).
 */
export function filterTemplates<T extends Template>(
  templates: readonly T[],
  index: SearchIndex | null,
  f: TemplateFilter,
  now: number,
): T[] {
  const kept = templates.filter((t) => passes(t, f, now));
  if (!f.query.trim() || !index) {
    return kept.sort(
      (a, b) => a.folder.localeCompare(b.folder, 'zh-CN') || a.order - b.order || (a.id < b.id ? -1 : 1),
    );
  }
  const byId = new Map(kept.map((t) => [t.id, t]));
  const out: T[] = [];
  for (const hit of searchTemplates(index, f.query)) {
    const t = byId.get(hit.id);
    if (t) out.push(t);
  }
  return out;
}
