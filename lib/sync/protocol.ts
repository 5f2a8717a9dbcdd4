import { z } from 'zod';
import { SyncKindSchema } from './kinds';

/**
 * The sync protocol between a browser and the shop server, shared by both sides. Every message
 * is parsed with these schemas where it arrives.
 *
 * - push: the browser sends changed records as changes, each with its own change id; the server
 *   applies each once (a change id seen before is answered `duplicate`, never applied twice).
 * - pull: the browser asks for every record whose server sequence is past its cursor; the server
 *   numbers each stored version of a record with a per-shop sequence that grows in commit order,
 *   so a cursor never skips a version committed later with a smaller number.
 * - live: the server tells open connections the shop's newest sequence; the browser then pulls.
 */

export const RecordIdSchema = z.string().min(1).max(600);
/** A change id made by the browser (a random id per change). */
export const ChangeIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8–64 letters, digits, _ or -');

/** Fields of a record, by name. `id` and `deletedAt` are not fields a change sets. */
export const PatchSchema = z.record(z.string().max(64), z.unknown());
export type Patch = z.infer<typeof PatchSchema>;

export const ChangeSchema = z.object({
  changeId: ChangeIdSchema,
  kind: SyncKindSchema,
  id: RecordIdSchema,
  /** When the person did it (the browser's clock, epoch ms): decides a deletion against an edit. */
  at: z.number().int().nonnegative(),
  /** The server sequence of the version the browser had when it made the change; 0 = none. */
  base: z.number().int().nonnegative(),
  op: z.enum(['put', 'delete']),
  /** put: the fields changed, with their values now (a new record: all of them). */
  patch: PatchSchema.optional(),
  /** put: optional fields the person cleared (JSON has no undefined). */
  unset: z.array(z.string().max(64)).max(100).optional(),
});
export type Change = z.infer<typeof ChangeSchema>;

export const MAX_PUSH_CHANGES = 500;
export const PushRequestSchema = z.object({ changes: z.array(ChangeSchema).max(MAX_PUSH_CHANGES) });
export type PushRequest = z.infer<typeof PushRequestSchema>;

/** A record as the server holds it: the merged record and the sequence of this version. */
export const ServerRecordSchema = z.object({
  kind: SyncKindSchema,
  id: RecordIdSchema,
  seq: z.number().int().positive(),
  /** The whole record (with `updatedAt`, and `deletedAt` once deleted). */
  data: z.record(z.string(), z.unknown()),
  /** The member who first wrote it (its name is in the team list). */
  author: z.string().nullable(),
});
export type ServerRecord = z.infer<typeof ServerRecordSchema>;

/**
 * - applied: stored as a new version (`seq`)
 * - unchanged: valid, but the record already said this (e.g. two agents' identical automatic reminders)
 * - superseded: a newer change already decided (an edit older than the deletion, a reopen of a done
 *   reminder); `current` is the server's record, which the browser puts back
 * - duplicate: this change id was applied before (a re-push after a lost answer)
 * - rejected: not allowed or not valid; `reason` says which, and `current` is the server's record,
 *   so the browser can put back what the server has
 */
export const ChangeStatusSchema = z.enum(['applied', 'unchanged', 'superseded', 'duplicate', 'rejected']);
export type ChangeStatus = z.infer<typeof ChangeStatusSchema>;

export const RejectReasonSchema = z.enum(['forbidden', 'invalid', 'incomplete', 'appendOnly']);
export type RejectReason = z.infer<typeof RejectReasonSchema>;

export const ChangeResultSchema = z.object({
  changeId: ChangeIdSchema,
  status: ChangeStatusSchema,
  seq: z.number().int().positive().optional(),
  reason: RejectReasonSchema.optional(),
  /** For `invalid`: the schema's complaint, `path: message`. */
  detail: z.string().max(500).optional(),
  current: ServerRecordSchema.nullable().optional(),
});
export type ChangeResult = z.infer<typeof ChangeResultSchema>;

export const PushResponseSchema = z.object({
  results: z.array(ChangeResultSchema),
  /** The shop's newest sequence after this push. */
  head: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const MAX_PULL_RECORDS = 1000;
export const PullResponseSchema = z.object({
  records: z.array(ServerRecordSchema),
  /** The cursor to ask from next time. */
  next: z.number().int().nonnegative(),
  /** More records are waiting past `next`. */
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

/** What the live stream says: the shop's newest sequence, that buyers were imported, or that this browser's token stopped working. */
export const LiveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), head: z.number().int().nonnegative() }),
  z.object({ type: z.literal('change'), head: z.number().int().nonnegative() }),
  z.object({ type: z.literal('revoked') }),
  /** An import changed the shop's buyers: look the open buyer up again. */
  z.object({ type: z.literal('buyers'), version: z.number().int().nonnegative() }),
]);
export type LiveEvent = z.infer<typeof LiveEventSchema>;

// ---- accounts ---------------------------------------------------------------------------------

export const RoleSchema = z.enum(['agent', 'supervisor']);
export type Role = z.infer<typeof RoleSchema>;

/** A join code as typed: letters and digits in groups; dashes, spaces and case do not matter. */
export const JoinCodeSchema = z.string().min(8).max(40);

export const JoinRequestSchema = z.object({
  code: JoinCodeSchema,
  /** The agent's name as the team sees it (concern export, reminder owners). */
  name: z.string().trim().min(1).max(40),
});
export type JoinRequest = z.infer<typeof JoinRequestSchema>;

export const MemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  joinedAt: z.number().int(),
  /** Last request from this member's browser (epoch ms), null before the first. */
  lastSeenAt: z.number().int().nullable(),
  revoked: z.boolean(),
});
export type Member = z.infer<typeof MemberSchema>;

export const ShopSchema = z.object({ id: z.string(), name: z.string(), timeZone: z.string() });
export type Shop = z.infer<typeof ShopSchema>;

export const JoinResponseSchema = z.object({
  /** The browser's own token: sent as `Authorization: Bearer …`; the server keeps only its hash. */
  token: z.string(),
  member: MemberSchema,
  shop: ShopSchema,
});
export type JoinResponse = z.infer<typeof JoinResponseSchema>;

export const MeResponseSchema = z.object({
  member: MemberSchema,
  shop: ShopSchema,
  head: z.number().int().nonnegative(),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const InviteRequestSchema = z.object({
  role: RoleSchema.default('agent'),
  /** How many browsers may join with it. */
  uses: z.number().int().min(1).max(100).default(1),
  /** Hours until it expires. */
  hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
});
export type InviteRequest = z.infer<typeof InviteRequestSchema>;

export const InviteSchema = z.object({
  id: z.string(),
  role: RoleSchema,
  usesLeft: z.number().int().nonnegative(),
  expiresAt: z.number().int(),
  revoked: z.boolean(),
  createdBy: z.string().nullable(),
});
export type Invite = z.infer<typeof InviteSchema>;

/** The code itself is shown once, when it is made. */
export const InviteCreatedSchema = InviteSchema.extend({ code: z.string() });
export type InviteCreated = z.infer<typeof InviteCreatedSchema>;

// ---- imports on the server ------------------------------------------------------------------------

export const ImportSummarySchema = z.object({
  runId: z.string(),
  status: z.enum(['done', 'failed']),
  rows: z.number().int().nonnegative(),
  orders: z.number().int().nonnegative(),
  newOrders: z.number().int().nonnegative(),
  buyersTouched: z.number().int().nonnegative(),
  ordersWithoutBuyer: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  /** The first issues, in words (zh-CN), with file, line and column. */
  issueSample: z.array(z.string()),
  format: z.string().nullable(),
  encoding: z.string().nullable(),
  failure: z.string().optional(),
  /** Seconds spent reading into the staging table, indexing it, and merging buyers and orders. */
  seconds: z.object({ read: z.number(), index: z.number(), merge: z.number() }).optional(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

/**
 * `POST /v1/import` answers a line of JSON per event (application/x-ndjson) while it works, so a
 * long import keeps its connection busy (proxies close silent ones) and shows progress: `started`,
 * `progress` (rows read, then buyers merged), and last `done` or `error`.
 */
export const ImportEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), runId: z.string() }),
  z.object({
    type: z.literal('progress'),
    phase: z.enum(['read', 'merge']),
    rows: z.number().int().nonnegative(),
    buyers: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('done'), summary: ImportSummarySchema }),
  z.object({ type: z.literal('error'), error: z.string(), message: z.string().optional() }),
]);
export type ImportEvent = z.infer<typeof ImportEventSchema>;

/** Error bodies: a stable code the browser maps to its own words. */
export const ErrorCodeSchema = z.enum([
  'unauthorized',
  'forbidden',
  'badRequest',
  'notFound',
  'rateLimited',
  'badJoinCode',
  'importFailed',
  'tooLarge',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;
export const ErrorBodySchema = z.object({ error: ErrorCodeSchema, message: z.string().optional() });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
