import { describe, expect, it } from 'vitest';
import { BUILT_IN_ADAPTERS } from './adapters';
import type { ConsoleAdapter } from './schema';
import { applyTaught, withoutRepair } from './taught';

const QN_URL = 'https://myseller.taobao.com/home.htm/app-customer-service/toolpage/Message';
const PAGE = 'https://desk.example-shop.cn/im/workbench';
const NOW = Date.now();

function taught(overrides: Partial<ConsoleAdapter> = {}): ConsoleAdapter {
  return {
    id: 'taught-desk-example-shop-cn-abc',
    name: { zh: '客服工作台', en: '客服工作台' },
    platform: 'other',
    matches: ['https://desk.example-shop.cn/im/*'],
    exampleUrls: [PAGE],
    selectors: {
      ready: '[class*="_chat_"]',
      buyerNick: { selector: '[class*="ChatHeader_nick__"]' },
      messageRow: '[class*="_row_"]',
      messageText: '[class*="_text_"]',
      authorBuyer: '[class*="_peer_"]',
      authorAgent: '[class*="_self_"]',
      input: '[data-lexical-editor="true"]',
      inputKind: 'lexical',
    },
    ...overrides,
  };
}

const messagesRepair = {
  type: 'saveConsoleRepair' as const,
  id: 'qianniu',
  parts: ['messages' as const],
  selectors: { messageRow: '[class*="ChatMessage--item--"]', messageText: '.text', authorBuyer: '.left', authorAgent: '.right' },
};

describe('saving what a supervisor taught by pointing', () => {
  it('adds a new console for the page it was taught on, replacing one taught before for the same addresses', () => {
    const before = taught({ id: 'taught-old' });
    const outcome = applyTaught({ type: 'saveTaughtConsole', adapter: taught() }, { custom: [before], repairs: [] }, PAGE, NOW);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.custom?.map((c) => c.id)).toEqual(['taught-desk-example-shop-cn-abc']);
    expect(outcome.repairs).toBeUndefined();
  });

  it('refuses a console that is not valid, or not the page that sent it, and stores nothing', () => {
    const invalid = applyTaught({ type: 'saveTaughtConsole', adapter: taught({ matches: ['https://*/*'] }) }, { custom: [], repairs: [] }, PAGE, NOW);
    expect(invalid.ok).toBe(false);
    const elsewhere = applyTaught({ type: 'saveTaughtConsole', adapter: taught() }, { custom: [], repairs: [] }, 'https://other.example.com/im/x', NOW);
    expect(elsewhere).toEqual({ ok: false, error: 'notThisPage' });
    // A built-in id cannot be taken by a taught console.
    const shadowing = applyTaught({ type: 'saveTaughtConsole', adapter: taught({ id: 'qianniu' }) }, { custom: [], repairs: [] }, PAGE, NOW);
    expect(shadowing.ok).toBe(false);
  });

  it('keeps a repair of a built-in console as a repair, joined with the parts repaired before', () => {
    const first = applyTaught({ ...messagesRepair, parts: ['input'], selectors: { input: '#editor', inputKind: 'contenteditable' } }, { custom: [], repairs: [] }, QN_URL, NOW);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const second = applyTaught(messagesRepair, { custom: [], repairs: first.repairs }, QN_URL, NOW);
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.custom).toBeUndefined();
    expect(second.repairs).toHaveLength(1);
    expect(second.repairs?.[0]?.parts).toEqual(['messages', 'input']);
    expect(second.repairs?.[0]?.selectors.input).toBe('#editor');
    expect(second.repairs?.[0]?.selectors.messageRow).toBe('[class*="ChatMessage--item--"]');
    // 恢复内置 drops it.
    expect(withoutRepair(second.repairs, 'qianniu')).toEqual([]);
  });

  it('repairs only the console of the page that asked', () => {
    const pdd = BUILT_IN_ADAPTERS.find((a) => a.id === 'pinduoduo')!;
    expect(applyTaught(messagesRepair, { custom: [], repairs: [] }, pdd.exampleUrls[0]!, NOW)).toEqual({ ok: false, error: 'notThisPage' });
  });

  it('lays a repair of a taught console into that console', () => {
    const outcome = applyTaught(
      { type: 'saveConsoleRepair', id: taught().id, parts: ['input'], selectors: { input: 'textarea.reply', inputKind: 'textarea' } },
      { custom: [taught()], repairs: [] },
      PAGE,
      NOW,
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.custom?.[0]?.selectors.input).toBe('textarea.reply');
    expect(outcome.custom?.[0]?.selectors.buyerNick).toEqual(taught().selectors.buyerNick);
    expect(outcome.repairs).toBeUndefined();
  });
});
