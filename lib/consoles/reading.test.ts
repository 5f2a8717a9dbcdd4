import { describe, expect, it } from 'vitest';
import {
  contentMessageId,
  readNewMessages,
  type ConsoleMessage,
  type ConsoleReading,
  type MessageAuthor,
} from './reading';

function reading(
  messages: Array<[MessageAuthor, string]>,
  nick = '小鹿爱吃糖',
  id: string | null = null,
): ConsoleReading {
  const seen = new Map<string, number>();
  const list: ConsoleMessage[] = messages.map(([author, text]) => {
    const n = seen.get(author + text) ?? 0;
    seen.set(author + text, n + 1);
    return { id: contentMessageId(author, text, n), author, text };
  });
  return {
    status: 'ok',
    adapterId: 'jd',
    buyer: { id, nick, platform: 'jd' },
    messages: list,
    inputFound: true,
    degraded: [],
  };
}

describe('content message ids', () => {
  it('are stable, and differ by author, text and occurrence', () => {
    const ids = new Set([
      contentMessageId('buyer', '在吗', 0),
      contentMessageId('buyer', '在吗', 1),
      contentMessageId('agent', '在吗', 0),
      contentMessageId('buyer', '在吗？', 0),
    ]);
    expect(ids.size).toBe(4);
    expect(contentMessageId('buyer', '在吗', 0)).toBe(contentMessageId('buyer', '在吗', 0));
  });
});

describe('readNewMessages', () => {
  const base: Array<[MessageAuthor, string]> = [
    ['buyer', '在吗'],
    ['agent', '亲，在的'],
    ['buyer', '这个有 M 码吗'],
  ];

  it('finds a buyer message that arrived at the bottom', () => {
    const next = reading([...base, ['buyer', '能便宜点吗']]);
    const fresh = readNewMessages(reading(base), next);
    expect(fresh.conversationChanged).toBe(false);
    expect(fresh.fromBuyer.map((m) => m.text)).toEqual(['能便宜点吗']);
  });

  it('finds a repeated message that arrived right after the same text', () => {
    const prev = reading([...base, ['buyer', '在吗']]);
    const next = reading([...base, ['buyer', '在吗'], ['buyer', '在吗']]);
    expect(readNewMessages(prev, next).fromBuyer).toHaveLength(1);
  });

  it('finds nothing new when older history appears above', () => {
    const next = reading([['buyer', '在吗'], ['system', '会话开始'], ...base]);
    expect(readNewMessages(reading(base), next).added).toEqual([]);
  });

  it('lists agent and system messages in added but not in fromBuyer', () => {
    const fresh = readNewMessages(reading(base), reading([...base, ['agent', '有的'], ['system', '已发券']]));
    expect(fresh.added.map((m) => m.author)).toEqual(['agent', 'system']);
    expect(fresh.fromBuyer).toEqual([]);
  });

  it('treats the first reading and a switch of buyer as a conversation change, not as new messages', () => {
    expect(readNewMessages(null, reading(base))).toEqual({ conversationChanged: true, added: [], fromBuyer: [] });
    expect(readNewMessages(reading(base), reading(base, '晴天小雨'))).toMatchObject({
      conversationChanged: true,
      added: [],
    });
    expect(readNewMessages(reading(base, 'a', 'u1'), reading(base, 'b', 'u1')).conversationChanged).toBe(false);
  });

  it('counts everything in a conversation that was empty before', () => {
    expect(readNewMessages(reading([]), reading([['buyer', '你好']])).fromBuyer).toHaveLength(1);
  });

  it('reports nothing while the console is not readable', () => {
    const notOk: ConsoleReading = { status: 'loading', adapterId: 'jd' };
    expect(readNewMessages(reading(base), notOk)).toEqual({ conversationChanged: false, added: [], fromBuyer: [] });
  });
});
