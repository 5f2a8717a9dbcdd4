import { z } from 'zod';
import { ContactLogEntrySchema, type ContactLogEntry } from '../contact/schema';
import { textFingerprint } from '../guard/compliance';
import type { TemplateKind } from '../templates/schema';
import type { HuitoukeDb } from './database';

/**
 * The contact log as stored: the domain entry plus the text that was inserted, so a message the
 * console later shows as sent by the agent can be matched to it, and a supervisor can see what
 * went out. Caps read only the domain fields.
 */
export const ContactRecordSchema = ContactLogEntrySchema.extend({
  text: z.string().max(2000).optional(),
  templateVersion: z.number().int().optional(),
  /** The console message that showed this text sent (`markSent`), so the same message shown again confirms nothing more. */
  sentMessageId: z.string().max(300).optional(),
  /** `textFingerprint` of the text, so the send check can count the buyers who got the same text (entries without it: from their text). */
  fingerprint: z.string().max(40).optional(),
});
export type ContactRecord = z.infer<typeof ContactRecordSchema>;

/**
 * Template kinds as the contact policy names them: the policy's service kinds and unpaid kind
 * are short words shared with coupons and hand-written entries.
 */
const CONTACT_KIND: Record<TemplateKind, string> = {
  concern_answer: 'concern',
  thanks: 'thanks',
  unpaid_reminder: 'unpaid',
  shipping: 'shipping',
  delivery_checkin: 'checkin',
  greeting: 'greeting',
  reengage: 'reengage',
  review_reply: 'review_reply',
  custom: 'custom',
};

export function contactKindOf(kind: TemplateKind): string {
  return CONTACT_KIND[kind];
}

export interface ContactInput {
  buyerId: string;
  templateId: string | null;
  kind: string;
  marketing: boolean;
  couponId?: string;
  text: string;
  templateVersion?: number;
  /**
   * The insert this records (its request id). Recording the same insert again — the sidebar asks
   * again when the service worker stopped before it answered — keeps the first entry.
   */
  requestId?: string;
}

/** The entry's id: one per insert when the insert's request id is known. */
function contactId(input: ContactInput, now: number): string {
  return input.requestId
    ? `${input.buyerId}|${input.requestId}`
    : `${input.buyerId}|${now.toString(36)}|${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Recorded when the agent inserts text: not sent yet, so it does not count against caps until it
 * is. `created` is false when this insert was recorded before (the entry is returned unchanged).
 */
export async function recordContactOnce(
  db: HuitoukeDb,
  input: ContactInput,
  now: number,
): Promise<{ entry: ContactRecord; created: boolean }> {
  const entry = ContactRecordSchema.parse({
    id: contactId(input, now),
    buyerId: input.buyerId,
    templateId: input.templateId,
    kind: input.kind,
    marketing: input.marketing,
    at: now,
    sent: false,
    text: input.text.slice(0, 2000),
    fingerprint: textFingerprint(input.text),
    updatedAt: now,
    ...(input.couponId ? { couponId: input.couponId } : {}),
    ...(input.templateVersion !== undefined ? { templateVersion: input.templateVersion } : {}),
  });
  return db.transaction('rw', db.contactLog, async () => {
    const before = ContactRecordSchema.safeParse(await db.contactLog.get(entry.id));
    if (before.success) return { entry: before.data, created: false };
    await db.contactLog.put(entry);
    return { entry, created: true };
  });
}

/** Recorded when the agent inserts text: not sent yet, so it does not count against caps until it is. */
export async function recordContact(db: HuitoukeDb, input: ContactInput, now: number): Promise<ContactRecord> {
  return (await recordContactOnce(db, input, now)).entry;
}

/** A buyer's live entries since `sinceMs`, oldest first. Rows that do not parse are skipped. */
export async function contactLogOf(db: HuitoukeDb, buyerId: string, sinceMs = 0): Promise<ContactRecord[]> {
  const rows = await db.contactLog.where('buyerId').equals(buyerId).toArray();
  const out: ContactRecord[] = [];
  for (const row of rows) {
    const parsed = ContactRecordSchema.safeParse(row);
    if (parsed.success && parsed.data.deletedAt === undefined && parsed.data.at >= sinceMs) out.push(parsed.data);
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Texts the send check's many-buyers rule may meet: per fingerprint, how many other buyers had it. */
export interface SameText {
  fingerprint: string;
  buyers: number;
}

/** The most repeated texts are kept; a text needs at least two other buyers (RepeatRule.maxBuyers ≥ 2) to matter. */
export const SAME_TEXT_LIMIT = 200;

/**
 * Per text (by `textFingerprint`), how many buyers other than `buyerId` had it inserted since `sinceMs`,
 * whether or not the console has shown it sent yet; texts that went to fewer than two others are left out,
 * the most repeated first.
 */
export async function sameTextBuyers(db: HuitoukeDb, buyerId: string, sinceMs: number): Promise<SameText[]> {
  const rows = await db.contactLog.where('at').aboveOrEqual(sinceMs).toArray();
  const buyers = new Map<string, Set<string>>();
  for (const row of rows) {
    const parsed = ContactRecordSchema.safeParse(row);
    if (!parsed.success || parsed.data.deletedAt !== undefined || parsed.data.buyerId === buyerId) continue;
    const { fingerprint, text } = parsed.data;
    const key = fingerprint ?? (text ? textFingerprint(text) : null);
    if (key === null) continue;
    let set = buyers.get(key);
    if (!set) buyers.set(key, (set = new Set()));
    set.add(parsed.data.buyerId);
  }
  return [...buyers]
    .filter(([, set]) => set.size >= 2)
    .map(([fingerprint, set]) => ({ fingerprint, buyers: set.size }))
    .sort((a, b) => b.buyers - a.buyers || (a.fingerprint < b.fingerprint ? -1 : 1))
    .slice(0, SAME_TEXT_LIMIT);
}

/** Whitespace and the console's line breaks differ from what was inserted; compare without them. */
function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Long enough to tell templates apart, short enough to survive an agent's edit at the end. */
const HEAD_CHARS = 24;

function matches(inserted: string, shown: string): boolean {
  const a = squash(inserted);
  const b = squash(shown);
  if (!a || !b) return false;
  if (a === b) return true;
  const head = a.slice(0, Math.min(HEAD_CHARS, a.length));
  return head.length >= 8 && b.startsWith(head);
}

/** Inserted text becomes "sent" once the console shows it as the agent's message within this time. */
export const SENT_MATCH_WINDOW_MS = 24 * 3_600_000;

/** An agent message the console showed; `id` is the console's message id when known. */
export type ShownMessage = string | { id: string; text: string };

/**
 * Marks unsent entries of a buyer as sent when one of `shown` (agent messages the console showed
 * after the insertion) carries their text. Each shown message confirms one entry, the newest
 * matching one, and a message with an id confirms only once however often it is reported (the
 * sidebar reports again when the service worker stopped before it answered). Returns the entries
 * marked.
 */
export async function markSent(
  db: HuitoukeDb,
  buyerId: string,
  shown: readonly ShownMessage[],
  now: number,
): Promise<ContactRecord[]> {
  if (shown.length === 0) return [];
  return db.transaction('rw', db.contactLog, async () => {
    const recent = await contactLogOf(db, buyerId, now - SENT_MATCH_WINDOW_MS);
    const used = new Set(recent.map((e) => e.sentMessageId).filter((id): id is string => id !== undefined));
    const open = recent.filter((e) => e.sent === false && e.text).reverse();
    const marked: { entry: ContactRecord; messageId?: string }[] = [];
    for (const message of shown) {
      const { id, text } = typeof message === 'string' ? { id: undefined, text: message } : message;
      if (id !== undefined && used.has(id)) continue;
      const hit = open.find((e) => !marked.some((m) => m.entry === e) && matches(e.text ?? '', text));
      if (!hit) continue;
      marked.push(id === undefined ? { entry: hit } : { entry: hit, messageId: id });
      if (id !== undefined) used.add(id);
    }
    const updated = marked.map(({ entry, messageId }) => ({
      ...entry,
      sent: true,
      updatedAt: now,
      ...(messageId !== undefined ? { sentMessageId: messageId } : {}),
    }));
    if (updated.length) await db.contactLog.bulkPut(updated);
    return updated;
  });
}

/** The domain view the cap checker takes. */
export function asLogEntries(records: readonly ContactRecord[]): ContactLogEntry[] {
  return records.map(({ text: _text, templateVersion: _v, sentMessageId: _m, fingerprint: _f, ...entry }) => entry);
}
