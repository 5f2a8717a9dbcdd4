import type { ContactRecord } from '../db/contact-log';
import type { BuyerNote, BuyerTag, ConcernRecord } from '../db/records';
import { defaultTemplates } from '../templates';
import type { Template } from '../templates/schema';
import type { SyncedReminder } from './kinds';
import type { Change } from './protocol';

/** Records of each kind as the extension writes them, for the sync tests. */
export const BUYER = 'taobao:小鹿买买';

export function note(id: string, text: string, at: number): BuyerNote {
  return { id, buyerId: BUYER, text, author: '小王', createdAt: at, updatedAt: at };
}

export function tag(tagText: string, at: number): BuyerTag {
  return { id: `${BUYER}|${tagText}`, buyerId: BUYER, tag: tagText, author: '小王', updatedAt: at };
}

export function concern(messageId: string, at: number, agent = '小王'): ConcernRecord {
  return {
    id: `${BUYER}|${messageId}|size`,
    buyerId: BUYER,
    nick: '小鹿买买',
    platform: 'taobao',
    console: 'demo',
    conversationId: 'c1',
    messageId,
    concern: 'size',
    quote: '我165穿什么码',
    at,
    date: new Date(at).toISOString().slice(0, 10),
    agent,
    source: 'agent',
    resolved: false,
    updatedAt: at,
  };
}

export function reminder(id: string, at: number, extra: Partial<SyncedReminder> = {}): SyncedReminder {
  return {
    id,
    buyerId: BUYER,
    nick: '小鹿买买',
    platform: 'taobao',
    kind: 'manual',
    dueAt: at + 3_600_000,
    createdAt: at,
    source: 'manual',
    note: '回访尺码',
    status: 'pending',
    updatedAt: at,
    ...extra,
  };
}

export function contact(id: string, at: number, sent: boolean): ContactRecord {
  return {
    id,
    buyerId: BUYER,
    templateId: null,
    kind: 'reengage',
    marketing: true,
    at,
    sent,
    text: '好久不见',
    updatedAt: at,
  };
}

export function template(at: number): Template {
  return { ...defaultTemplates()[0]!, updatedAt: at };
}

let n = 0;
export function put(
  kind: Change['kind'],
  record: { id: string } & Record<string, unknown>,
  at: number,
  base = 0,
  fields?: string[],
): Change {
  const all = record as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) if (k !== 'id' && (!fields || fields.includes(k))) patch[k] = v;
  return { changeId: `change-${++n}-xxxxxx`, kind, id: record.id, at, base, op: 'put', patch };
}

export function del(kind: Change['kind'], id: string, at: number, base = 0): Change {
  return { changeId: `change-${++n}-xxxxxx`, kind, id, at, base, op: 'delete' };
}
