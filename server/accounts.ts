import { createHash, randomBytes } from 'node:crypto';
import type { Member, Role, Shop } from '../lib/sync/protocol';
import type { Queryable, Sql } from './db';

/**
 * Shops, members and join codes. A supervisor's browser joins with the first join code and invites
 * agents with codes of their own (limited uses, expiring, revocable). Each browser gets its own
 * random 256-bit token; only its SHA-256 is stored (a random token needs no slow hash), and every
 * request looks it up again, so a revoked token stops at the next request.
 */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomText(chars: number): string {
  const bytes = randomBytes(chars);
  let out = '';
  for (let i = 0; i < chars; i++) out += CROCKFORD[bytes[i]! & 31];
  return out;
}

export const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

export function newId(prefix: string): string {
  return `${prefix}_${randomText(16).toLowerCase()}`;
}

/** 80 random bits, typed as `XXXX-XXXX-XXXX-XXXX`. */
export function newJoinCode(): string {
  return randomText(16).match(/.{4}/g)!.join('-');
}

/** Case, dashes and spaces do not matter; O reads as 0 and I, L as 1 (Crockford). */
export function normaliseJoinCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function newToken(): string {
  return `htk_${randomBytes(32).toString('base64url')}`;
}

interface MemberRow {
  id: string;
  shop_id: string;
  name: string;
  role: Role;
  joined_at: Date;
  last_seen_at: Date | null;
  revoked_at: Date | null;
}

interface ShopRow {
  id: string;
  name: string;
  time_zone: string;
}

export function memberOut(r: MemberRow): Member {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    joinedAt: r.joined_at.getTime(),
    lastSeenAt: r.last_seen_at ? r.last_seen_at.getTime() : null,
    revoked: r.revoked_at !== null,
  };
}

export function shopOut(r: ShopRow): Shop {
  return { id: r.id, name: r.name, timeZone: r.time_zone };
}

export async function createShop(sql: Queryable, name: string, timeZone = 'Asia/Shanghai'): Promise<Shop> {
  const id = newId('shop');
  const { rows } = await sql.query<ShopRow>(
    'INSERT INTO shops (id, name, time_zone) VALUES ($1, $2, $3) RETURNING id, name, time_zone',
    [id, name, timeZone],
  );
  return shopOut(rows[0]!);
}

/** The shop a server started without options serves: the only one, made on first start. */
export async function defaultShop(sql: Sql): Promise<Shop> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(2126)');
    const { rows } = await tx.query<ShopRow>('SELECT id, name, time_zone FROM shops ORDER BY created_at, id LIMIT 1');
    return rows[0] ? shopOut(rows[0]) : createShop(tx, '回头客小店');
  });
}

export async function hasSupervisor(sql: Queryable, shopId: string): Promise<boolean> {
  const { rows } = await sql.query(
    "SELECT 1 FROM members WHERE shop_id = $1 AND role = 'supervisor' AND revoked_at IS NULL LIMIT 1",
    [shopId],
  );
  return rows.length > 0;
}

export interface InviteOptions {
  role: Role;
  uses: number;
  hours: number;
}

export interface CreatedInvite {
  id: string;
  code: string;
  role: Role;
  usesLeft: number;
  expiresAt: number;
}

export async function createInvite(
  sql: Queryable,
  shopId: string,
  opts: InviteOptions,
  createdBy: string | null,
  now = Date.now(),
): Promise<CreatedInvite> {
  const code = newJoinCode();
  const id = newId('inv');
  const expiresAt = now + opts.hours * 3_600_000;
  await sql.query(
    'INSERT INTO invites (id, shop_id, code_hash, role, uses_left, expires_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [id, shopId, sha256(normaliseJoinCode(code)), opts.role, opts.uses, new Date(expiresAt), createdBy],
  );
  return { id, code, role: opts.role, usesLeft: opts.uses, expiresAt };
}

export type JoinOutcome = { ok: true; token: string; member: Member; shop: Shop } | { ok: false };

/** Spend one use of a join code (any shop) and make a member with a fresh token. */
export async function join(sql: Sql, code: string, name: string): Promise<JoinOutcome> {
  const hash = sha256(normaliseJoinCode(code));
  return sql.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; shop_id: string; role: Role }>(
      'UPDATE invites SET uses_left = uses_left - 1 WHERE code_hash = $1 AND uses_left > 0 AND revoked_at IS NULL AND expires_at > now() RETURNING id, shop_id, role',
      [hash],
    );
    const invite = rows[0];
    if (!invite) return { ok: false };
    const token = newToken();
    const member = await tx.query<MemberRow>(
      'INSERT INTO members (id, shop_id, name, role, token_hash, invite_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, shop_id, name, role, joined_at, last_seen_at, revoked_at',
      [newId('mem'), invite.shop_id, name, invite.role, sha256(token), invite.id],
    );
    const shop = await tx.query<ShopRow>('SELECT id, name, time_zone FROM shops WHERE id = $1', [invite.shop_id]);
    return { ok: true, token, member: memberOut(member.rows[0]!), shop: shopOut(shop.rows[0]!) };
  });
}

export interface Auth {
  member: Member;
  shop: Shop;
}

/**
 * The member a token belongs to, or null (unknown or revoked). Looked up on every request: no
 * cache, so a revocation holds at once on every instance. Notes when the member was last seen
 * (at most every 30 s, in the same statement).
 */
export async function authenticate(sql: Queryable, token: string): Promise<Auth | null> {
  if (!token.startsWith('htk_') || token.length > 100) return null;
  const { rows } = await sql.query<MemberRow & { shop_name: string; time_zone: string }>(
    `WITH m AS (
       SELECT id, shop_id, name, role, joined_at, last_seen_at, revoked_at FROM members WHERE token_hash = $1 AND revoked_at IS NULL
     ), seen AS (
       UPDATE members SET last_seen_at = now() WHERE id IN (SELECT id FROM m WHERE last_seen_at IS NULL OR last_seen_at < now() - interval '30 seconds')
     )
     SELECT m.*, s.name AS shop_name, s.time_zone FROM m JOIN shops s ON s.id = m.shop_id`,
    [sha256(token)],
  );
  const r = rows[0];
  if (!r) return null;
  return { member: memberOut(r), shop: { id: r.shop_id, name: r.shop_name, timeZone: r.time_zone } };
}

export async function listMembers(sql: Queryable, shopId: string): Promise<Member[]> {
  const { rows } = await sql.query<MemberRow>(
    'SELECT id, shop_id, name, role, joined_at, last_seen_at, revoked_at FROM members WHERE shop_id = $1 ORDER BY joined_at, id',
    [shopId],
  );
  return rows.map(memberOut);
}

/** Revoke a member of this shop; true when one was revoked now. Tells every instance (live streams close). */
export async function revokeMember(sql: Sql, shopId: string, memberId: string): Promise<boolean> {
  return sql.transaction(async (tx) => {
    const { rowCount } = await tx.query(
      'UPDATE members SET revoked_at = now() WHERE id = $1 AND shop_id = $2 AND revoked_at IS NULL',
      [memberId, shopId],
    );
    if (rowCount > 0)
      await tx.query("SELECT pg_notify('htk_revoked', $1)", [JSON.stringify({ shop: shopId, member: memberId })]);
    return rowCount > 0;
  });
}

export async function listInvites(sql: Queryable, shopId: string) {
  const { rows } = await sql.query<{
    id: string;
    role: Role;
    uses_left: number;
    expires_at: Date;
    revoked_at: Date | null;
    created_by: string | null;
  }>(
    'SELECT id, role, uses_left, expires_at, revoked_at, created_by FROM invites WHERE shop_id = $1 ORDER BY created_at DESC, id',
    [shopId],
  );
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    usesLeft: r.uses_left,
    expiresAt: r.expires_at.getTime(),
    revoked: r.revoked_at !== null,
    createdBy: r.created_by,
  }));
}

export async function revokeInvite(sql: Queryable, shopId: string, inviteId: string): Promise<boolean> {
  const { rowCount } = await sql.query(
    'UPDATE invites SET revoked_at = now() WHERE id = $1 AND shop_id = $2 AND revoked_at IS NULL',
    [inviteId, shopId],
  );
  return rowCount > 0;
}

/**
 * A fixed-window counter in PostgreSQL, so a limit holds across instances. Returns the seconds to
 * wait when `key` has had `limit` hits in the current window, else 0.
 */
export async function rateLimit(
  sql: Queryable,
  key: string,
  limit: number,
  windowSeconds: number,
  now = Date.now(),
): Promise<number> {
  const windowMs = windowSeconds * 1000;
  const start = Math.floor(now / windowMs) * windowMs;
  const { rows } = await sql.query<{ hits: number }>(
    'INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits',
    [key, new Date(start)],
  );
  // Old windows go now and then, by whoever comes by.
  if (Math.random() < 0.01) await sql.query("DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'");
  return (rows[0]?.hits ?? 0) > limit ? Math.ceil((start + windowMs - now) / 1000) : 0;
}
