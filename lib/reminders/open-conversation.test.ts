import { describe, expect, it } from 'vitest';
import { conversationTabFor } from './open-conversation';

describe("a reminder's notification finds the buyer's open conversation", () => {
  const open = [
    { tabId: 7, buyer: { id: null, nick: 'tb_小红', platform: 'taobao' as const } },
    { tabId: 3, buyer: { id: 'u123', nick: '小蓝', platform: 'pinduoduo' as const } },
    { tabId: 5, buyer: { id: 'u123', nick: '小蓝', platform: 'douyin' as const } },
  ];

  it('by the id the console shows, or by the nick where it shows none', () => {
    expect(conversationTabFor('pinduoduo:u123', open)).toBe(3);
    expect(conversationTabFor('douyin:u123', open)).toBe(5);
    expect(conversationTabFor('taobao:tb_小红', open)).toBe(7);
  });

  it('never across platforms, and not at all when no tab shows the buyer', () => {
    expect(conversationTabFor('jd:u123', open)).toBeNull();
    expect(conversationTabFor('taobao:someone', open)).toBeNull();
    expect(conversationTabFor('taobao:tb_小红', [])).toBeNull();
  });

  it('prefers a match by id, then the lowest tab', () => {
    const both = [
      { tabId: 9, buyer: { id: null, nick: 'u1', platform: 'jd' as const } },
      { tabId: 12, buyer: { id: 'u1', nick: 'x', platform: 'jd' as const } },
      { tabId: 4, buyer: { id: 'u1', nick: 'y', platform: 'jd' as const } },
    ];
    expect(conversationTabFor('jd:u1', both)).toBe(4);
  });
});
