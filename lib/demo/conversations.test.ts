import { describe, expect, it } from 'vitest';
import { DEMO_CONCERNS, DemoConversationsFileSchema } from './conversation-schema';
import { generateConversations } from './conversations';
import { generateDemoOrders } from './taobao-export';
import { demoAsOf } from './time';

const asOf = demoAsOf(Date.now());
const file = generateConversations({ asOf });
const conversations = file.conversations;

describe('demo console conversations', () => {
  it('are valid, deterministic and about forty', () => {
    expect(() => DemoConversationsFileSchema.parse(file)).not.toThrow();
    expect(JSON.stringify(generateConversations({ asOf }))).toBe(JSON.stringify(file));
    expect(JSON.stringify(generateConversations({ asOf, seed: 5 }))).not.toBe(JSON.stringify(file));
    expect(conversations.length).toBeGreaterThanOrEqual(35);
    expect(conversations.length).toBeLessThanOrEqual(50);
  });

  it('raise every concern, in scripted buyer messages, and speak three languages', () => {
    const scripted = new Set(conversations.flatMap((c) => c.script.flatMap((s) => s.concerns)));
    for (const concern of DEMO_CONCERNS) expect(scripted.has(concern), concern).toBe(true);
    const langs = conversations.map((c) => c.lang);
    expect(langs.filter((l) => l === 'zh-TW').length).toBeGreaterThanOrEqual(2);
    expect(langs.filter((l) => l === 'en').length).toBeGreaterThanOrEqual(2);
    for (const c of conversations.filter((c) => c.lang === 'en')) expect(c.script[0]!.text).toMatch(/^[\x20-\x7e]+$/);
  });

  it('use buyers from the export (Taobao id = nick) plus a few newcomers', () => {
    const nicks = new Set<string>();
    for (const order of generateDemoOrders({ asOf })) nicks.add(order.buyerNick);
    const ids = conversations.map((c) => c.buyerId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of conversations) {
      expect(c.nick).toBe(c.buyerId);
      expect(nicks.has(c.buyerId), c.buyerId).toBe(c.inExport);
    }
    expect(conversations.filter((c) => !c.inExport).length).toBeGreaterThanOrEqual(2);
  });

  it('have stable unique message ids, product cards, and scripts that arrive in order', () => {
    const ids = conversations.flatMap((c) => [...c.messages.map((m) => m.id), ...c.script.map((s) => s.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(conversations.filter((c) => c.messages.some((m) => m.card)).length).toBeGreaterThan(20);
    for (const c of conversations) {
      expect(c.script.length).toBeGreaterThan(0);
      for (let i = 1; i < c.script.length; i++) expect(c.script[i]!.delayMs).toBeGreaterThan(c.script[i - 1]!.delayMs);
      for (const text of [...c.messages.map((m) => m.text), ...c.script.map((s) => s.text)])
        expect(text).not.toMatch(/[{}]/);
    }
    expect(conversations[0]!.script[0]!.delayMs).toBeLessThan(10_000);
  });
});
