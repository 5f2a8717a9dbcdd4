import { canonicalJson, omitFields } from './canonical';
import { isLocked } from './diff';
import { LOCAL_FIELDS, type PlaybookPack } from './pack';
import { TEMPLATE_BOOKKEEPING } from './template-edit';

/**
 * Whether the playbook as stored still says what the administrator's policy says. The policy is
 * compared with the stored rows themselves, not with a remembered checksum: a locked row changed
 * in storage (a restore, another tool) or lost is found, and the policy is applied again.
 */

export type LockableSetting = 'taxonomy' | 'reminderRules' | 'contactPolicy' | 'guardRules';
export const LOCKABLE_SETTINGS: readonly LockableSetting[] = [
  'taxonomy',
  'reminderRules',
  'contactPolicy',
  'guardRules',
];

/** What the last application of a policy recorded (the lists it locked, its checksum). */
export interface AppliedPolicy {
  checksum: string;
  lockedSettings: readonly LockableSetting[];
  templates: readonly string[];
  coupons: readonly string[];
  couponRules: readonly string[];
}

/** The stored side: raw rows (as the database holds them, marks included) and setting values. */
export interface StoredForPolicy {
  templates: readonly object[];
  coupons: readonly object[];
  couponRules: readonly object[];
  settings: Readonly<Partial<Record<LockableSetting, unknown>>>;
  applied: AppliedPolicy | null;
}

/** Fields of a coupon or coupon rule that applying a policy sets itself. */
const ROW_BOOKKEEPING = ['updatedAt', ...LOCAL_FIELDS] as const;

/**
 * Where the stored playbook differs from `pack` (null: no policy), as keys such as
 * `template:hq.size`, `coupon:c1`, `setting:taxonomy`, `applied` (the record of what was applied),
 * or `unlock:template:x` (a locked row the policy does not have). Empty when nothing differs.
 */
export function policyDrift(pack: PlaybookPack | null, stored: StoredForPolicy, checksum: string): string[] {
  const drift: string[] = [];
  // A template is applied live (its deletedAt dropped) at the pack's position; coupons and rules as
  // the pack has them. Either way, with the lock mark.
  const sameTemplate = (row: object, want: object) =>
    (row as { deletedAt?: unknown }).deletedAt === undefined &&
    (row as { order?: unknown }).order === (want as { order?: unknown }).order &&
    sameContent(row, want, TEMPLATE_BOOKKEEPING);
  const sameRow = (row: object, want: object) => sameContent(row, want, ROW_BOOKKEEPING);
  const lists = [
    ['template', pack?.templates ?? [], stored.templates, sameTemplate],
    ['coupon', pack?.coupons ?? [], stored.coupons, sameRow],
    ['couponRule', pack?.couponRules ?? [], stored.couponRules, sameRow],
  ] as const;
  for (const [kind, wanted, rows, same] of lists) {
    const byId = new Map<string, object>();
    for (const row of rows) byId.set(idOf(row), row);
    // A pack that lists an id twice ends up with the last one stored.
    for (const want of new Map(wanted.map((w) => [w.id, w as object & { id: string }])).values()) {
      const row = byId.get(want.id);
      if (!row || !isLocked(row) || !same(row, want)) drift.push(`${kind}:${want.id}`);
    }
    for (const id of strayLocked(pack, rows, kind)) drift.push(`unlock:${kind}:${id}`);
  }
  for (const key of LOCKABLE_SETTINGS) {
    const want = pack?.[key];
    if (want !== undefined && canonicalJson(stored.settings[key]) !== canonicalJson(want)) drift.push(`setting:${key}`);
  }
  if (!sameApplied(pack, stored.applied, checksum)) drift.push('applied');
  return drift;
}

/** Ids of locked rows the policy does not have: applying it must release them. */
export function strayLocked(
  pack: PlaybookPack | null,
  rows: readonly object[],
  kind: 'template' | 'coupon' | 'couponRule',
): string[] {
  const list = kind === 'template' ? pack?.templates : kind === 'coupon' ? pack?.coupons : pack?.couponRules;
  const ids = new Set((list ?? []).map((r) => r.id));
  return rows.filter((r) => isLocked(r) && !ids.has(idOf(r))).map(idOf);
}

/** The settings a pack locks, in a fixed order. */
export function lockedSettingsOf(pack: PlaybookPack): LockableSetting[] {
  return LOCKABLE_SETTINGS.filter((key) => pack[key] !== undefined);
}

function sameApplied(pack: PlaybookPack | null, applied: AppliedPolicy | null, checksum: string): boolean {
  if (!pack) return applied === null;
  if (!applied || applied.checksum !== checksum) return false;
  const sameIds = (a: readonly string[], b: readonly { id: string }[]) =>
    canonicalJson([...a].sort()) === canonicalJson(b.map((r) => r.id).sort());
  return (
    sameIds(applied.templates, pack.templates) &&
    sameIds(applied.coupons, pack.coupons) &&
    sameIds(applied.couponRules, pack.couponRules) &&
    canonicalJson([...applied.lockedSettings].sort()) === canonicalJson(lockedSettingsOf(pack).sort())
  );
}

function sameContent(a: object, b: object, ignore: readonly string[]): boolean {
  return canonicalJson(omitFields(a, ignore)) === canonicalJson(omitFields(b, ignore));
}

function idOf(row: object): string {
  return String((row as { id?: unknown }).id);
}

/** What reading the policy from the browser's managed storage gave. */
export type PolicyRead =
  /** The policy holds a pack (not parsed yet). */
  | { kind: 'pack'; raw: unknown }
  /** The browser answered, and no pack is set: the administrator removed it (or never set one). */
  | { kind: 'absent' }
  /** The read failed: nothing is known about the policy. */
  | { kind: 'unreadable'; reason: string };

/**
 * Firefox's answer when no policy file exists for the extension at all: a definite "no policy",
 * not a failure (Chrome answers `{}` for that).
 */
const NO_MANAGED_STORAGE = 'Managed storage manifest not found';

/** Judge a `storage.managed.get(key)` outcome: the value it gave, or the error it threw. */
export function judgePolicyRead(
  outcome: { got: Record<string, unknown> } | { error: unknown },
  key: string,
): PolicyRead {
  if ('error' in outcome) {
    const reason = errorMessage(outcome.error);
    return reason === NO_MANAGED_STORAGE ? { kind: 'absent' } : { kind: 'unreadable', reason };
  }
  const value = outcome.got[key];
  return value === undefined || value === null || value === '' ? { kind: 'absent' } : { kind: 'pack', raw: value };
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
