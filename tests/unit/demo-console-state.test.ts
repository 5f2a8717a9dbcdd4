import { describe, expect, it } from 'vitest';
import { generateConversations } from '../../lib/demo/conversations';
import { demoAsOf } from '../../lib/demo/time';
import {
  activeConversation,
  canSend,
  initialState,
  reducer,
  sortedConversations,
  type ConsoleAction,
  type ConsoleState,
} from '../../demo/src/state';
import { parseParams, urlForBuyer } from '../../demo/src/url';

const file = generateConversations({ asOf: demoAsOf(Date.now()) });
const run = (actions: ConsoleAction[], state: ConsoleState = initialState) => actions.reduce(reducer, state);
const loaded = run([
  { type: 'loaded', file },
  { type: 'open', buyerId: file.conversations[0]!.buyerId },
]);

describe('demo console state', () => {
  it('lists the loaded chats newest first with their unread counts', () => {
    const list = sortedConversations(loaded);
    expect(list.map((c) => c.buyerId)).toEqual(file.conversations.map((c) => c.buyerId));
    expect(list[0]!.unread).toBe(0);
    expect(list.reduce((n, c) => n + c.unread, 0)).toBe(file.conversations.reduce((n, c) => n + c.unread, 0));
  });

  it('counts unread messages in other chats, not in the open one, and moves the chat to the top', () => {
    const other = file.conversations[5]!;
    const openId = file.conversations[0]!.buyerId;
    const state = run(
      [
        { type: 'receive', buyerId: other.buyerId, id: 'x-1', text: '在吗', time: '10:00' },
        { type: 'receive', buyerId: other.buyerId, id: 'x-2', text: '有人吗', time: '10:01' },
        { type: 'receive', buyerId: openId, id: 'x-3', text: '好的', time: '10:02' },
      ],
      loaded,
    );
    const list = sortedConversations(state);
    expect(list[0]!.buyerId).toBe(openId);
    expect(list[1]!.buyerId).toBe(other.buyerId);
    expect(list[1]!.unread).toBe(other.unread + 2);
    expect(list[0]!.unread).toBe(0);
    expect(
      run([{ type: 'open', buyerId: other.buyerId }], state).conversations.find((c) => c.buyerId === other.buyerId)!
        .unread,
    ).toBe(0);
  });

  it('creates a conversation for an unknown buyer, from the URL or an arriving message', () => {
    const opened = run([{ type: 'open', buyerId: 'tb_new01', nick: '新朋友' }], loaded);
    expect(activeConversation(opened)).toMatchObject({ buyerId: 'tb_new01', nick: '新朋友', messages: [] });
    const received = run([{ type: 'receive', buyerId: 'tb_new02', id: 'r1', text: 'hi', time: '09:00' }], loaded);
    const created = received.conversations.find((c) => c.buyerId === 'tb_new02')!;
    expect(created).toMatchObject({ nick: 'tb_new02', unread: 1 });
    // A buyer opened before the data arrives is kept, on top.
    const early = run([
      { type: 'open', buyerId: 'tb_early', nick: '早到' },
      { type: 'loaded', file },
    ]);
    expect(sortedConversations(early)[0]!.buyerId).toBe('tb_early');
    expect(early.conversations).toHaveLength(file.conversations.length + 1);
  });

  it('sends only non-empty drafts, as an agent row with the given id, and clears the draft', () => {
    const typed = run([{ type: 'draft', text: '亲，在的' }], loaded);
    expect(activeConversation(typed)!.draft).toBe('亲，在的');
    const sent = run([{ type: 'send', id: 'c01-a1', text: '亲，在的', time: '10:00' }], typed);
    const active = activeConversation(sent)!;
    expect(active.messages.at(-1)).toMatchObject({ id: 'c01-a1', author: 'agent', text: '亲，在的' });
    expect(active.draft).toBe('');
    expect(run([{ type: 'send', id: 'c01-a2', text: '   ', time: '10:00' }], sent)).toBe(sent);
    expect(canSend('')).toBe(false);
    expect(canSend('  \n')).toBe(false);
    expect(canSend('好')).toBe(true);
    expect(canSend('好'.repeat(501))).toBe(false);
  });
});

describe('demo console URL contract', () => {
  it('reads buyer, nick, platform, input and script with safe defaults', () => {
    expect(parseParams('')).toEqual({
      buyer: null,
      nick: null,
      platform: 'taobao',
      input: 'textarea',
      script: true,
      orders: [],
    });
    expect(parseParams('?buyer=tb_1&nick=%E5%B0%8F%E9%B1%BC&platform=shopee&input=contenteditable&script=off')).toEqual(
      { buyer: 'tb_1', nick: '小鱼', platform: 'shopee', input: 'contenteditable', script: false, orders: [] },
    );
    expect(parseParams('?platform=amazon&input=rich').platform).toBe('taobao');
  });

  it('keeps other parameters when switching buyer, and the nick only when it differs from the id', () => {
    const next = new URL(
      urlForBuyer('http://127.0.0.1:4173/?platform=jd&buyer=a&nick=A', '晴天_1988', '晴天_1988'),
      'http://x',
    );
    expect(next.searchParams.get('platform')).toBe('jd');
    expect(next.searchParams.get('buyer')).toBe('晴天_1988');
    expect(next.searchParams.has('nick')).toBe(false);
    expect(new URL(urlForBuyer('http://h/?script=off', 'u1', '昵称'), 'http://x').searchParams.get('nick')).toBe(
      '昵称',
    );
  });
});

describe('demo console order panel (issue 19)', () => {
  it('reads ?orders= for the requested buyer, dropping ids that are not order numbers', () => {
    expect(parseParams('?buyer=u1&orders=241120-1,%20241121-2,,<x>').orders).toEqual(['241120-1', '241121-2']);
  });

  it('places a new order on top and changes a known one in place', () => {
    let state: ConsoleState = initialState;
    state = reducer(state, { type: 'order', buyerId: 'u1', order: { id: 'a', status: 'paid' } });
    state = reducer(state, {
      type: 'order',
      buyerId: 'u1',
      order: { id: 'b', status: 'unpaid', amountCents: 5990, at: '2026-11-20 10:00:00' },
    });
    expect(state.orders.u1?.map((o) => o.id)).toEqual(['b', 'a']);
    state = reducer(state, {
      type: 'order',
      buyerId: 'u1',
      order: { id: 'b', status: 'shipped', tracking: 'SF1', at: '2026-11-20 12:00:00' },
    });
    expect(state.orders.u1).toEqual([
      { id: 'b', status: 'shipped', amountCents: 5990, at: '2026-11-20 10:00:00', tracking: 'SF1' },
      { id: 'a', status: 'paid' },
    ]);
    expect(state.orders.u2).toBeUndefined();
  });
});
