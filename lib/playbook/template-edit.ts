import type { Template } from '../templates/schema';
import { canonicalJson, changedFields, omitFields } from './canonical';
import { LOCAL_FIELDS } from './pack';

/** Fields that change without anyone editing the template's content. */
export const TEMPLATE_BOOKKEEPING = [
  'updatedAt',
  'deletedAt',
  'version',
  'usageCount',
  'teamUsageCount',
  'lastUsedAt',
  'createdBy',
  'updatedBy',
  'order',
  ...LOCAL_FIELDS,
] as const;

/** What an edit changed, for version history ("variants.en", "conditions.stages", "enabled"). */
export function templateChanges(before: Template | null, after: Template): string[] {
  if (!before) return [];
  return changedFields(omitFields(before, TEMPLATE_BOOKKEEPING), omitFields(after, TEMPLATE_BOOKKEEPING));
}

export function sameTemplateContent(a: Template, b: Template): boolean {
  return canonicalJson(omitFields(a, TEMPLATE_BOOKKEEPING)) === canonicalJson(omitFields(b, TEMPLATE_BOOKKEEPING));
}

/** Ids of templates made here: time plus randomness, so two supervisors never collide when packs meet. */
export function newTemplateId(now: number, random: () => number = Math.random): string {
  return `t.${now.toString(36)}${Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0')}`;
}

/** A new, empty template at the end of its folder. */
export function blankTemplate(id: string, folder: string, order: number, editor: string, now: number): Template {
  return {
    id,
    title: '',
    folder,
    variants: { 'zh-CN': '' },
    conditions: {},
    kind: 'custom',
    marketing: false,
    enabled: true,
    order,
    version: 1,
    usageCount: 0,
    lastUsedAt: null,
    createdBy: editor,
    updatedBy: editor,
    updatedAt: now,
  };
}

/** A copy with its own id, no shortcut (shortcuts must stay unique) and no usage. */
export function duplicateTemplate(
  source: Template,
  id: string,
  title: string,
  order: number,
  editor: string,
  now: number,
): Template {
  const { shortcut: _shortcut, deletedAt: _deleted, ...rest } = source;
  const out = {
    ...rest,
    id,
    title,
    order,
    version: 1,
    usageCount: 0,
    lastUsedAt: null,
    createdBy: editor,
    updatedBy: editor,
    updatedAt: now,
  };
  for (const f of LOCAL_FIELDS) delete (out as Record<string, unknown>)[f];
  return out;
}

/** The next `order` at the end of a folder. */
export function nextOrder(templates: readonly Template[], folder: string): number {
  const inFolder = templates.filter((t) => t.folder === folder && t.deletedAt === undefined);
  return inFolder.length === 0 ? 10 : Math.max(...inFolder.map((t) => t.order)) + 10;
}

/**
 * Move a template one place up (-1) or down (+1) among the live templates of its folder.
 * Returns the templates whose `order` changed (two, or none at an end); positions are renumbered
 * when two share an order, so a swap always shows.
 */
export function moveInFolder(templates: readonly Template[], id: string, direction: -1 | 1): Template[] {
  const target = templates.find((t) => t.id === id);
  if (!target) return [];
  const folder = templates
    .filter((t) => t.folder === target.folder && t.deletedAt === undefined)
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  const i = folder.findIndex((t) => t.id === id);
  const j = i + direction;
  if (j < 0 || j >= folder.length) return [];
  const reordered = [...folder];
  [reordered[i], reordered[j]] = [reordered[j]!, reordered[i]!];
  const changed: Template[] = [];
  reordered.forEach((t, k) => {
    const order = (k + 1) * 10;
    if (t.order !== order) changed.push({ ...t, order });
  });
  return changed;
}

/** Folder paths with every ancestor, sorted, for the folder tree ('' = top level is not listed). */
export function folderTree(templates: readonly Template[]): string[] {
  const all = new Set<string>();
  for (const t of templates) {
    if (t.deletedAt !== undefined || !t.folder) continue;
    const parts = t.folder.split('/').filter(Boolean);
    for (let k = 1; k <= parts.length; k++) all.add(parts.slice(0, k).join('/'));
  }
  return [...all].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}
