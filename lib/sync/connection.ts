import { z } from 'zod';
import { MemberSchema, ShopSchema } from './protocol';

/**
 * This browser's connection to its shop server, as the extension keeps it (`browser.storage.local`,
 * key {@link TEAM_CONNECTION_KEY}): written by the options page when it joins, read by the
 * background's sync and by the sidebar. The token is this browser's own; the server keeps its hash.
 */
export const TEAM_CONNECTION_KEY = 'teamConnection';
/** How sync is going (written by the background), key {@link TEAM_STATUS_KEY}. */
export const TEAM_STATUS_KEY = 'teamStatus';
/** The shop's members as the background last heard them (reminder owners' names), key {@link TEAM_MEMBERS_KEY}. */
export const TEAM_MEMBERS_KEY = 'teamMembers';

export const TeamConnectionSchema = z.object({
  /** The server's origin and path prefix (checkServerUrl's baseUrl). */
  baseUrl: z.string().min(1),
  /** What host permission was granted for (`${origin}/*`). */
  origin: z.string().min(1),
  token: z.string().min(1),
  member: MemberSchema,
  shop: ShopSchema,
  connectedAt: z.number().int(),
});
export type TeamConnection = z.infer<typeof TeamConnectionSchema>;

/**
 * - online: the last sync reached the server
 * - connecting: started, no answer yet
 * - offline: the server did not answer; work stays in the outbox and is pushed when it answers again
 * - refused: the server refused this browser's token (revoked): nothing syncs until it joins again
 */
export const TeamSyncStateSchema = z.enum(['connecting', 'online', 'offline', 'refused']);
export type TeamSyncState = z.infer<typeof TeamSyncStateSchema>;

export const TeamStatusSchema = z.object({
  /** The token this status is about (a status of an earlier connection is not shown). */
  memberId: z.string(),
  state: TeamSyncStateSchema,
  /** When a sync last reached the server (epoch ms). */
  lastSyncAt: z.number().int().nullable(),
  /** Local changes not pushed yet. */
  pending: z.number().int().nonnegative(),
});
export type TeamStatus = z.infer<typeof TeamStatusSchema>;

export function readTeamConnection(stored: Record<string, unknown>): TeamConnection | null {
  const parsed = TeamConnectionSchema.safeParse(stored[TEAM_CONNECTION_KEY]);
  return parsed.success ? parsed.data : null;
}

/** The status of this connection, or null when none is known for it yet. */
export function readTeamStatus(stored: Record<string, unknown>, connection: TeamConnection | null): TeamStatus | null {
  if (!connection) return null;
  const parsed = TeamStatusSchema.safeParse(stored[TEAM_STATUS_KEY]);
  return parsed.success && parsed.data.memberId === connection.member.id ? parsed.data : null;
}

export const TeamMembersSchema = z.object({
  /** The connection (member id) the list was fetched for. */
  memberId: z.string(),
  members: z.array(MemberSchema),
  fetchedAt: z.number().int(),
});
export type TeamMembers = z.infer<typeof TeamMembersSchema>;

/** The members of this connection's shop, or an empty list when none is known for it yet. */
export function readTeamMembers(
  stored: Record<string, unknown>,
  connection: TeamConnection | null,
): TeamMembers['members'] {
  if (!connection) return [];
  const parsed = TeamMembersSchema.safeParse(stored[TEAM_MEMBERS_KEY]);
  return parsed.success && parsed.data.memberId === connection.member.id ? parsed.data.members : [];
}
