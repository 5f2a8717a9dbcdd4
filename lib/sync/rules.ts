import { z } from 'zod';
import { KINDS, templateUsageId, type SyncKind } from './kinds';
import type { Change, ChangeStatus, Patch, RejectReason, Role, ServerRecord } from './protocol';

/**
 * The conflict rules, as pure functions: the server applies every change through `applyChange`
 * (in the order it receives them, which is the order of the shop's sequence), and a browser puts
 * pulled records under its own unpushed changes with `rebaseRemote`. DEVELOPERS.md (Team server)
 * states the same rules in words.
 *
 * 1. Per field, the last writer by server order wins: a change carries only the fields the person
 *    changed, and they replace those fields; other fields stay as they are.
 * 2. A deletion wins over an edit only when it is newer (by the time the person acted, `at`): a
 *    deletion older than the record's last edit is superseded, and an edit older than the deletion
 *    does not bring the record back, while a newer one does (a tag removed, then added again).
 * 3. Reminders: done (or dismissed) by one is done for all. A change that would make a done reminder
 *    pending or snoozed again counts only when its author had seen it done (its `base` is at or past
 *    the version that closed it); otherwise its status is dropped and its other fields (owner, note) apply.
 * 4. Contact log: append-only. An entry is written once; only `sent` may change, and only to true;
 *    deleting is refused. Marketing caps read every agent's entries, so they hold shop-wide.
 * 5. Template usage: one record per member and template; counts and last use only grow.
 * 6. The playbook (templates, coupons, coupon rules, playbook settings) is written by supervisors;
 *    an agent's change to it is refused.
 * Every merged record must pass its kind's schema, or the change is refused as invalid.
 */

/** What the server keeps beside a record to apply these rules. */
export const RecordMetaSchema = z.object({
  /** `at` of the newest edit that applied. */
  editAt: z.number().int().nonnegative(),
  /** `at` of the deletion, while the record is deleted. */
  deleteAt: z.number().int().nonnegative().optional(),
  /** Reminders: the sequence of the version that closed it (done or dismissed). */
  closedSeq: z.number().int().positive().optional(),
});
export type RecordMeta = z.infer<typeof RecordMetaSchema>;

export interface StoredVersion {
  data: Record<string, unknown>;
  seq: number;
  meta: RecordMeta;
}

export interface ApplyContext {
  /** The sequence the new version will carry. */
  seq: number;
  memberId: string;
  role: Role;
}

export type ApplyOutcome =
  | { status: 'applied'; data: Record<string, unknown>; meta: RecordMeta }
  | { status: Exclude<ChangeStatus, 'applied' | 'rejected' | 'duplicate'> }
  | { status: 'rejected'; reason: RejectReason; detail?: string };

const CLOSED = new Set(['done', 'dismissed']);
/** Fields a reminder's status change brings along. */
const STATUS_FIELDS = ['status', 'snoozedUntil', 'firedAt'];

/** What a patch may set: never the id, never the deletion mark (a deletion is its own op). */
function cleanPatch(patch: Patch | undefined): Patch {
  const out: Patch = {};
  for (const [k, v] of Object.entries(patch ?? {})) if (k !== 'id' && k !== 'deletedAt') out[k] = v;
  return out;
}

/** Field values compare by JSON (records are JSON data). */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function withoutStamp(data: Record<string, unknown>): Record<string, unknown> {
  const { updatedAt: _u, ...rest } = data;
  return rest;
}

/** Set the patch's fields and remove the unset ones. */
function assign(base: Record<string, unknown>, patch: Patch, unset: readonly string[]): Record<string, unknown> {
  const out = { ...base };
  for (const k of unset) if (k !== 'id' && k !== 'updatedAt' && !(k in patch)) delete out[k];
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) out[k] = v;
  return out;
}

function validate(
  kind: SyncKind,
  data: Record<string, unknown>,
  isNew: boolean,
): { ok: true; data: Record<string, unknown> } | { ok: false; reason: RejectReason; detail: string } {
  const parsed = KINDS[kind].schema.safeParse(data);
  if (parsed.success) return { ok: true, data: parsed.data as Record<string, unknown> };
  const issue = parsed.error.issues[0];
  const detail = issue ? `${issue.path.join('.') || '(record)'}: ${issue.message}`.slice(0, 500) : 'invalid';
  const missing =
    isNew &&
    parsed.error.issues.some(
      (i) => i.code === 'invalid_type' && i.path.length === 1 && data[String(i.path[0])] === undefined,
    );
  return { ok: false, reason: missing ? 'incomplete' : 'invalid', detail };
}

function maxOrNull(a: unknown, b: unknown): number | null {
  const x = typeof a === 'number' ? a : null;
  const y = typeof b === 'number' ? b : null;
  return x === null ? y : y === null ? x : Math.max(x, y);
}

/** May this member write this record at all? */
export function permission(
  change: Pick<Change, 'kind' | 'id' | 'patch'>,
  ctx: Pick<ApplyContext, 'role' | 'memberId'>,
  current: StoredVersion | undefined,
): RejectReason | null {
  const spec = KINDS[change.kind];
  if (spec.writers === 'supervisor' && ctx.role !== 'supervisor') return 'forbidden';
  if (change.kind === 'templateUsage') {
    // A member counts only its own use.
    const templateId = (change.patch?.templateId ?? current?.data.templateId) as unknown;
    if (typeof templateId !== 'string' || change.id !== templateUsageId(templateId, ctx.memberId)) return 'forbidden';
    if (change.patch?.memberId !== undefined && change.patch.memberId !== ctx.memberId) return 'forbidden';
  }
  return null;
}

/**
 * Apply one change to the server's current version of its record (undefined: none yet).
 * Pure: the caller stores `data` and `meta` under `ctx.seq` when the status is `applied`.
 */
export function applyChange(current: StoredVersion | undefined, change: Change, ctx: ApplyContext): ApplyOutcome {
  const denied = permission(change, ctx, current);
  if (denied) return { status: 'rejected', reason: denied };
  const rule = KINDS[change.kind].merge;

  if (change.op === 'delete') {
    if (rule === 'appendOnly') return { status: 'rejected', reason: 'appendOnly' };
    if (!current) return { status: 'unchanged' };
    if (current.meta.deleteAt !== undefined) return { status: 'unchanged' };
    // Rule 2: a deletion older than the last edit loses.
    if (change.at < current.meta.editAt) return { status: 'superseded' };
    return {
      status: 'applied',
      data: {
        ...current.data,
        deletedAt: change.at,
        updatedAt: Math.max(Number(current.data.updatedAt) || 0, change.at),
      },
      meta: { ...current.meta, deleteAt: change.at },
    };
  }

  let patch = cleanPatch(change.patch);
  let unset: readonly string[] = change.unset ?? [];
  if (!current) {
    const data: Record<string, unknown> = { ...patch, id: change.id };
    if (change.kind === 'templateUsage') data.memberId = ctx.memberId;
    if (data.updatedAt === undefined) data.updatedAt = change.at;
    const checked = validate(change.kind, data, true);
    if (!checked.ok) return { status: 'rejected', reason: checked.reason, detail: checked.detail };
    const meta: RecordMeta = { editAt: change.at };
    if (rule === 'reminder' && CLOSED.has(String(checked.data.status))) meta.closedSeq = ctx.seq;
    return { status: 'applied', data: checked.data, meta };
  }

  const deleted = current.meta.deleteAt !== undefined;
  // Rule 2: an edit older than the deletion does not bring the record back.
  if (deleted && change.at <= (current.meta.deleteAt ?? 0)) return { status: 'superseded' };

  const cur = current.data;
  const meta: RecordMeta = { ...current.meta, editAt: Math.max(current.meta.editAt, change.at) };
  if (deleted) delete meta.deleteAt;

  if (rule === 'appendOnly') {
    // Rule 4: only `sent`, only to true.
    patch = patch.sent === true && cur.sent === false ? { sent: true } : {};
    unset = [];
    if (Object.keys(patch).length === 0 && !deleted) return { status: 'unchanged' };
  } else if (rule === 'counter') {
    patch = {
      ...patch,
      count: Math.max(Number(cur.count) || 0, typeof patch.count === 'number' ? patch.count : 0),
      lastUsedAt: maxOrNull(cur.lastUsedAt, patch.lastUsedAt),
    };
    unset = [];
  } else if (rule === 'reminder') {
    const closed = CLOSED.has(String(cur.status));
    const reopens = 'status' in patch && !CLOSED.has(String(patch.status));
    // Rule 3: done by one is done for all, unless the author saw it done and reopened it.
    if (closed && reopens && !deleted && change.base < (current.meta.closedSeq ?? 0)) {
      const rest: Patch = {};
      for (const [k, v] of Object.entries(patch)) if (!STATUS_FIELDS.includes(k)) rest[k] = v;
      unset = unset.filter((k) => !STATUS_FIELDS.includes(k));
      const changesSomething =
        Object.entries(rest).some(([k, v]) => k !== 'updatedAt' && !same(cur[k], v)) || unset.some((k) => k in cur);
      if (!changesSomething) return { status: 'superseded' };
      patch = rest;
    }
  }

  let next = assign(cur, patch, unset);
  if (deleted) delete next.deletedAt;
  next.updatedAt = Math.max(
    Number(cur.updatedAt) || 0,
    typeof patch.updatedAt === 'number' ? patch.updatedAt : change.at,
  );
  if (!deleted && same(withoutStamp(next), withoutStamp(cur))) return { status: 'unchanged' };
  const checked = validate(change.kind, next, false);
  if (!checked.ok) return { status: 'rejected', reason: checked.reason, detail: checked.detail };
  next = checked.data;
  if (rule === 'reminder') {
    const wasClosed = CLOSED.has(String(cur.status)) && !deleted;
    const isClosed = CLOSED.has(String(next.status));
    if (isClosed && (!wasClosed || next.status !== cur.status)) meta.closedSeq = ctx.seq;
    if (!isClosed) delete meta.closedSeq;
  }
  return { status: 'applied', data: next, meta };
}

/** A browser's unpushed change to one record. */
export interface PendingChange {
  /** Fields changed locally since the last push; 'all' for a record made locally. */
  fields: readonly string[] | 'all';
  delete: boolean;
}

/**
 * What a browser stores when it pulls a record it may have changed itself since: the server's
 * record, with the fields of its own unpushed change on top (they are pushed next, and then win by
 * server order anyway). Returns undefined to leave the local record as it is (a local deletion or a
 * record made locally waits for its push).
 */
export function rebaseRemote(
  remote: Pick<ServerRecord, 'data'>,
  local: Record<string, unknown> | undefined,
  pending: PendingChange | undefined,
): Record<string, unknown> | undefined {
  if (!pending) return remote.data;
  if (pending.delete || pending.fields === 'all') return local ? undefined : remote.data;
  if (!local) return remote.data;
  const out: Record<string, unknown> = { ...remote.data };
  for (const f of pending.fields) {
    if (f in local) out[f] = local[f];
    else delete out[f];
  }
  return out;
}
