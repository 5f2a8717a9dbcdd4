import { z } from 'zod';
import { ContactLogEntrySchema, type ContactLogEntry } from '../contact/schema';
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
}

/** Recorded when the agent inserts text: not sent yet, so it does not count against caps until it is. */
export async function recordContact(db: HuitoukeDb, input: ContactInput, now: number): Promise<ContactRecord> {
  const entry = ContactRecordSchema.parse({
    id: `${input.buyerId}|${now.toString(36)}|${Math.random().toString(36).slice(2, 8)}`,
    buyerId: input.buyerId,
    templateId: input.templateId,
    kind: input.kind,
    marketing: input.marketing,
    at: now,
    sent: false,
    text: input.text.slice(0, 2000),
    updatedAt: now,
    ...(input.couponId ? { couponId: input.couponId } : {}),
    ...(input.templateVersion !== undefined ? { templateVersion: input.templateVersion } : {}),
  });
  await db.contactLog.put(entry);
  return entry;
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

/**
 * Marks unsent entries of a buyer as sent when one of `agentTexts` (agent messages the console
 * showed after the insertion) carries their text. Each shown message confirms one entry, the
 * newest matching one. Returns the entries marked.
 */
export async function markSent(db: HuitoukeDb, buyerId: string, agentTexts: readonly string[], now: number): Promise<ContactRecord[]> {
  if (agentTexts.length === 0) return [];
  return db.transaction('rw', db.contactLog, async () => {
    const open = (await contactLogOf(db, buyerId, now - SENT_MATCH_WINDOW_MS)).filter((e) => e.sent === false && e.text).reverse();
    const marked: ContactRecord[] = [];
    for (const shown of agentTexts) {
      const hit = open.find((e) => !marked.includes(e) && matches(e.text ?? '', shown));
      if (hit) marked.push(hit);
    }
    const updated = marked.map((e) => ({ ...e, sent: true, updatedAt: now }));
    if (updated.length) await db.contactLog.bulkPut(updated);
    return updated;
  });
}

/** The domain view the cap checker takes. */
export function asLogEntries(records: readonly ContactRecord[]): ContactLogEntry[] {
  return records.map(({ text: _text, templateVersion: _v, ...entry }) => entry);
}
