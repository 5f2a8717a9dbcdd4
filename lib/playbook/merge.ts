import type { ContactPolicy } from '../contact/schema';
import type { Concern, Taxonomy } from '../concerns/taxonomy';
import type { Coupon, CouponRule } from '../coupons/schema';
import type { GuardRules } from '../guard/rules';
import type { ReminderRules } from '../reminders/schema';
import type { Template } from '../templates/schema';
import { choiceFor, type Choice, type DiffItem, type ItemKind, type PackDiff } from './diff';
import type { PlaybookContents } from './pack';

export interface ListWrites<T> {
  /** Records to store as they are given. */
  put: T[];
  /** Ids to delete (soft). */
  remove: string[];
}

export interface PlaybookWrites {
  templates: ListWrites<Template>;
  coupons: ListWrites<Coupon>;
  couponRules: ListWrites<CouponRule>;
  /** null: leave as it is. */
  taxonomy: Taxonomy | null;
  reminderRules: ReminderRules | null;
  contactPolicy: ContactPolicy | null;
  guardRules: GuardRules | null;
}

export interface MergeSummary {
  added: number;
  changed: number;
  removed: number;
  /** Items where mine was kept (by choice or because it is locked). */
  kept: number;
}

export interface MergeResult {
  writes: PlaybookWrites;
  summary: MergeSummary;
}

export interface MergeMeta {
  now: number;
  /** Agent name of the supervisor importing: becomes `updatedBy` and the version's author. */
  editor: string;
}

/**
 * Apply the chosen side of every difference. Templates taken from a pack keep this profile's usage
 * (usage is personal) and get the next version number here, so version history never reuses an id.
 */
export function mergePlaybook(
  mine: PlaybookContents,
  theirs: PlaybookContents,
  diff: PackDiff,
  choices: Readonly<Partial<Record<string, Choice>>>,
  meta: MergeMeta,
): MergeResult {
  const summary: MergeSummary = { added: 0, changed: 0, removed: 0, kept: 0 };
  const taken = (kind: ItemKind) => diff.items.filter((item) => item.kind === kind && tally(item));
  function tally(item: DiffItem): boolean {
    const take = choiceFor(item, choices) === 'theirs';
    if (!take) summary.kept++;
    else if (item.change === 'add') summary.added++;
    else if (item.change === 'change') summary.changed++;
    else summary.removed++;
    return take;
  }

  const templates = list(taken('template'), mine.templates, theirs.templates, (t, own) => ({
    ...live(t),
    version: (own?.version ?? 0) + 1,
    usageCount: own && own.deletedAt === undefined ? own.usageCount : 0,
    lastUsedAt: own && own.deletedAt === undefined ? own.lastUsedAt : null,
    createdBy: own?.createdBy ?? t.createdBy,
    updatedBy: meta.editor,
    updatedAt: meta.now,
  }));
  const stamp = <T extends { updatedAt: number; deletedAt?: number }>(c: T): T => ({ ...live(c), updatedAt: meta.now });
  const coupons = list(taken('coupon'), mine.coupons, theirs.coupons, stamp);
  const couponRules = list(taken('couponRule'), mine.couponRules, theirs.couponRules, stamp);

  const concernItems = taken('concern');
  const optionsItem = taken('taxonomyOptions')[0];
  let taxonomy: Taxonomy | null = null;
  if (theirs.taxonomy && (concernItems.length > 0 || optionsItem)) {
    taxonomy = mergeTaxonomy(mine.taxonomy, theirs.taxonomy, concernItems, !!optionsItem);
  }
  return {
    writes: {
      templates,
      coupons,
      couponRules,
      taxonomy,
      reminderRules: taken('reminderRules').length ? theirs.reminderRules : null,
      contactPolicy: taken('contactPolicy').length ? theirs.contactPolicy : null,
      guardRules: taken('guardRules').length ? (theirs.guardRules ?? null) : null,
    },
    summary,
  };
}

/** A copy without the soft-delete mark: taking a record from a pack brings back one deleted here. */
function live<T extends { deletedAt?: number }>(record: T): T {
  const { deletedAt: _gone, ...rest } = record;
  return rest as T;
}

function list<T extends { id: string; deletedAt?: number }>(
  items: DiffItem[],
  mine: readonly T[],
  theirs: readonly T[],
  adopt: (theirs: T, own: T | undefined) => T,
): ListWrites<T> {
  const own = new Map(mine.map((m) => [m.id, m]));
  const incoming = new Map(theirs.map((t) => [t.id, t]));
  const out: ListWrites<T> = { put: [], remove: [] };
  for (const item of items) {
    if (item.change === 'remove') out.remove.push(item.id);
    else out.put.push(adopt(incoming.get(item.id)!, own.get(item.id)));
  }
  return out;
}

/** Mine in my order with the taken changes, then new concerns in the pack's order. */
function mergeTaxonomy(mine: Taxonomy | null, theirs: Taxonomy, items: DiffItem[], takeOptions: boolean): Taxonomy {
  const base = mine ?? { ...theirs, concerns: [] };
  const byId = new Map(items.map((i) => [i.id, i]));
  const incoming = new Map(theirs.concerns.map((c) => [c.id, c]));
  const concerns: Concern[] = [];
  for (const c of base.concerns) {
    const item = byId.get(c.id);
    if (!item) concerns.push(c);
    else if (item.change === 'change') concerns.push(incoming.get(c.id)!);
    // a taken removal drops it
  }
  for (const c of theirs.concerns) if (byId.get(c.id)?.change === 'add') concerns.push(c);
  const options = takeOptions ? theirs : base;
  return { version: options.version, minScore: options.minScore, typos: options.typos, concerns };
}
