import type { Concern } from '../concerns/taxonomy';
import { canonicalJson, changedFields, omitFields } from './canonical';
import { LOCAL_FIELDS, type PlaybookContents } from './pack';

/** What a pack item is; the first four are lists of records, the rest are one record each. */
export type ItemKind =
  | 'template'
  | 'coupon'
  | 'couponRule'
  | 'concern'
  | 'taxonomyOptions'
  | 'reminderRules'
  | 'contactPolicy'
  | 'guardRules';
export type ChangeKind = 'add' | 'change' | 'remove';
/** On an item that both sides have (or that only mine has): which side wins. */
export type Choice = 'mine' | 'theirs';

export interface DiffItem {
  /** `${kind}:${id}`: the key for choices. */
  key: string;
  kind: ItemKind;
  id: string;
  /** For people: the template title, coupon name, concern name. */
  label: string;
  labelEn: string;
  change: ChangeKind;
  /** For `change`: what differs (`variants.en`, `conditions.stages`, `rate`). */
  fields: string[];
  /** Mine is locked by an administrator's policy: an import never touches it. */
  locked: boolean;
}

export interface PackDiff {
  items: DiffItem[];
  /** Items both sides have with the same content. */
  unchanged: number;
}

/** Bookkeeping that differs between profiles without anyone changing the content. */
const IGNORE: Record<'template' | 'coupon' | 'couponRule', readonly string[]> = {
  template: [
    'updatedAt',
    'deletedAt',
    'version',
    'usageCount',
    'teamUsageCount',
    'lastUsedAt',
    'createdBy',
    'updatedBy',
    ...LOCAL_FIELDS,
  ],
  coupon: ['updatedAt', 'deletedAt', ...LOCAL_FIELDS],
  couponRule: ['updatedAt', 'deletedAt', ...LOCAL_FIELDS],
};

export function isLocked(record: object | null | undefined): boolean {
  return !!record && (record as { locked?: unknown }).locked === true;
}

interface Named {
  id: string;
  deletedAt?: number;
}

function diffList<T extends Named>(
  kind: ItemKind,
  mine: readonly T[],
  theirs: readonly T[],
  ignore: readonly string[],
  label: (item: T) => [string, string],
  lockedOf: (item: T) => boolean,
  out: PackDiff,
): void {
  const own = new Map(mine.filter((m) => m.deletedAt === undefined).map((m) => [m.id, m]));
  const seen = new Set<string>();
  for (const item of theirs) {
    if (item.deletedAt !== undefined) continue;
    seen.add(item.id);
    const m = own.get(item.id);
    const [zh, en] = label(item);
    const base = { key: `${kind}:${item.id}`, kind, id: item.id, label: zh, labelEn: en };
    if (!m) {
      out.items.push({ ...base, change: 'add', fields: [], locked: false });
      continue;
    }
    const a = omitFields(m, ignore);
    const b = omitFields(item, ignore);
    if (canonicalJson(a) === canonicalJson(b)) out.unchanged++;
    else out.items.push({ ...base, change: 'change', fields: changedFields(a, b), locked: lockedOf(m) });
  }
  for (const m of own.values()) {
    if (seen.has(m.id)) continue;
    const [zh, en] = label(m);
    out.items.push({
      key: `${kind}:${m.id}`,
      kind,
      id: m.id,
      label: zh,
      labelEn: en,
      change: 'remove',
      fields: [],
      locked: lockedOf(m),
    });
  }
}

function diffSingle(kind: ItemKind, mine: object | null, theirs: object | null, locked: boolean, out: PackDiff): void {
  if (theirs === null) return;
  const base = { key: `${kind}:${kind}`, kind, id: kind, label: kind, labelEn: kind };
  if (mine === null) out.items.push({ ...base, change: 'add', fields: [], locked: false });
  else if (canonicalJson(mine) === canonicalJson(theirs)) out.unchanged++;
  else out.items.push({ ...base, change: 'change', fields: changedFields(mine, theirs), locked });
}

/** The parts of a taxonomy that are not the concerns themselves. */
export function taxonomyOptions(t: { version: number; minScore: number; typos: Record<string, string[]> }) {
  return { version: t.version, minScore: t.minScore, typos: t.typos };
}

export interface DiffOptions {
  /** Singletons locked by an administrator's policy. */
  lockedSettings?: ReadonlySet<'taxonomy' | 'reminderRules' | 'contactPolicy' | 'guardRules'>;
}

/**
 * What importing `theirs` would do to `mine`: items it adds, changes and removes, in a stable
 * order (templates, coupons, coupon rules, concerns, then settings). Without a common ancestor a
 * difference cannot be told from a conflict, so every change and removal is offered as a choice.
 */
export function diffPlaybook(mine: PlaybookContents, theirs: PlaybookContents, opts: DiffOptions = {}): PackDiff {
  const out: PackDiff = { items: [], unchanged: 0 };
  const locked = opts.lockedSettings ?? new Set();
  diffList('template', mine.templates, theirs.templates, IGNORE.template, (t) => [t.title, t.title], isLocked, out);
  diffList('coupon', mine.coupons, theirs.coupons, IGNORE.coupon, (c) => [c.name, c.name], isLocked, out);
  diffList(
    'couponRule',
    mine.couponRules,
    theirs.couponRules,
    IGNORE.couponRule,
    (r) => [r.name, r.name],
    isLocked,
    out,
  );
  if (theirs.taxonomy) {
    const concernLabel = (c: Concern): [string, string] => [c.names['zh-CN'], c.names.en];
    diffList('concern', mine.taxonomy?.concerns ?? [], theirs.taxonomy.concerns, [], concernLabel, () => false, out);
    diffSingle(
      'taxonomyOptions',
      mine.taxonomy ? taxonomyOptions(mine.taxonomy) : null,
      taxonomyOptions(theirs.taxonomy),
      false,
      out,
    );
    // A locked taxonomy is locked as a whole: not even a new concern may be slipped into it.
    if (locked.has('taxonomy'))
      for (const item of out.items) if (item.kind === 'concern' || item.kind === 'taxonomyOptions') item.locked = true;
  }
  diffSingle('reminderRules', mine.reminderRules, theirs.reminderRules, locked.has('reminderRules'), out);
  diffSingle('contactPolicy', mine.contactPolicy, theirs.contactPolicy, locked.has('contactPolicy'), out);
  diffSingle('guardRules', mine.guardRules ?? null, theirs.guardRules ?? null, locked.has('guardRules'), out);
  return out;
}

/** Adds and changes take theirs; removals keep mine (a pack that lacks something rarely means "delete it"). */
export function defaultChoice(item: DiffItem): Choice {
  if (item.locked) return 'mine';
  return item.change === 'remove' ? 'mine' : 'theirs';
}

/** The choice that applies to an item: locked items always keep mine. */
export function choiceFor(item: DiffItem, choices: Readonly<Partial<Record<string, Choice>>>): Choice {
  if (item.locked) return 'mine';
  return choices[item.key] ?? defaultChoice(item);
}
