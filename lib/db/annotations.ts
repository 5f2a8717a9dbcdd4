import type { HuitoukeDb } from './database';
import { fnv1a } from './hash';
import { ConcernRecordSchema, type BuyerNote, type BuyerTag, type ConcernRecord } from './records';

const randomId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export async function addNote(
  db: HuitoukeDb,
  buyerId: string,
  text: string,
  author: string,
  now = Date.now(),
): Promise<BuyerNote> {
  const note: BuyerNote = {
    id: randomId(),
    buyerId,
    text: text.trim().slice(0, 5000),
    author,
    createdAt: now,
    updatedAt: now,
  };
  await db.notes.add(note);
  return note;
}

export async function deleteNote(db: HuitoukeDb, id: string, now = Date.now()): Promise<void> {
  await db.notes.update(id, { deletedAt: now, updatedAt: now });
}

export async function notesOf(db: HuitoukeDb, buyerId: string): Promise<BuyerNote[]> {
  const all = await db.notes.where('buyerId').equals(buyerId).toArray();
  return all.filter((n) => !n.deletedAt).sort((a, b) => b.createdAt - a.createdAt);
}

export async function setTag(
  db: HuitoukeDb,
  buyerId: string,
  tag: string,
  on: boolean,
  author: string,
  now = Date.now(),
): Promise<void> {
  const clean = tag.trim().slice(0, 40);
  if (!clean) return;
  const id = `${buyerId}|${clean}`;
  if (on) await db.tags.put({ id, buyerId, tag: clean, author, updatedAt: now } satisfies BuyerTag);
  else await db.tags.update(id, { deletedAt: now, updatedAt: now });
}

export async function tagsOf(db: HuitoukeDb, buyerId: string): Promise<BuyerTag[]> {
  const all = await db.tags.where('buyerId').equals(buyerId).toArray();
  return all.filter((t) => !t.deletedAt).sort((a, b) => a.tag.localeCompare(b.tag, 'zh-CN'));
}

/** The id of a concern tagged from one message: the same message and concern always map to one record. */
export function concernId(buyerId: string, conversationId: string, messageId: string, concern: string): string {
  const key = `${buyerId}\u0000${conversationId}\u0000${messageId}\u0000${concern}`;
  return `c-${fnv1a(key).toString(36)}-${fnv1a(key.split('').reverse().join('')).toString(36)}`;
}

/**
 * Save a concern; a second save of the same message (another tab, a re-render, auto-save racing a
 * click) keeps the first record instead of duplicating it.
 */
export async function saveConcern(
  db: HuitoukeDb,
  input: Omit<ConcernRecord, 'id' | 'updatedAt' | 'resolved'> & { resolved?: boolean },
  now = Date.now(),
): Promise<ConcernRecord> {
  const record = ConcernRecordSchema.parse({
    ...input,
    id: concernId(input.buyerId, input.conversationId, input.messageId, input.concern),
    resolved: input.resolved ?? false,
    quote: input.quote.slice(0, 2000),
    updatedAt: now,
  });
  return db.transaction('rw', db.concerns, async () => {
    const existing = await db.concerns.get(record.id);
    if (existing && !existing.deletedAt) return existing;
    await db.concerns.put(record);
    return record;
  });
}

export async function setConcernResolved(
  db: HuitoukeDb,
  id: string,
  resolved: boolean,
  agent: string,
  now = Date.now(),
): Promise<void> {
  await db.concerns.update(
    id,
    resolved ? { resolved, resolvedBy: agent, resolvedAt: now, updatedAt: now } : { resolved, updatedAt: now },
  );
}

export async function concernsOf(db: HuitoukeDb, buyerId: string): Promise<ConcernRecord[]> {
  const all = await db.concerns.where('buyerId').equals(buyerId).toArray();
  return all.filter((c) => !c.deletedAt).sort((a, b) => b.at - a.at);
}
