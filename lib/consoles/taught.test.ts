import { describe, expect, it } from 'vitest';
import { BUILT_IN_ADAPTERS } from './adapters';
import type { ConsoleAdapter } from './schema';
import { buildPack, parsePack, serializePack } from '../playbook';
import { applyTaught, mergePackConsoles, withoutRepair } from './taught';

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
  selectors: {
    messageRow: '[class*="ChatMessage--item--"]',
    messageText: '.text',
    authorBuyer: '.left',
    authorAgent: '.right',
  },
};

describe('saving what a supervisor taught by pointing', () => {
  it('adds a new console for the page it was taught on, replacing one taught before for the same addresses', () => {
    const before = taught({ id: 'taught-old' });
    const outcome = applyTaught(
      { type: 'saveTaughtConsole', adapter: taught() },
      { custom: [before], repairs: [] },
      PAGE,
      NOW,
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.custom?.map((c) => c.id)).toEqual(['taught-desk-example-shop-cn-abc']);
    expect(outcome.repairs).toBeUndefined();
  });

  it('refuses a console that is not valid, or not the page that sent it, and stores nothing', () => {
    const invalid = applyTaught(
      { type: 'saveTaughtConsole', adapter: taught({ matches: ['https://*/*'] }) },
      { custom: [], repairs: [] },
      PAGE,
      NOW,
    );
    expect(invalid.ok).toBe(false);
    const elsewhere = applyTaught(
      { type: 'saveTaughtConsole', adapter: taught() },
      { custom: [], repairs: [] },
      'https://other.example.com/im/x',
      NOW,
    );
    expect(elsewhere).toEqual({ ok: false, error: 'notThisPage' });
    // A built-in id cannot be taken by a taught console.
    const shadowing = applyTaught(
      { type: 'saveTaughtConsole', adapter: taught({ id: 'qianniu' }) },
      { custom: [], repairs: [] },
      PAGE,
      NOW,
    );
    expect(shadowing.ok).toBe(false);
  });

  it('keeps a repair of a built-in console as a repair, joined with the parts repaired before', () => {
    const first = applyTaught(
      { ...messagesRepair, parts: ['input'], selectors: { input: '#editor', inputKind: 'contenteditable' } },
      { custom: [], repairs: [] },
      QN_URL,
      NOW,
    );
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
    expect(applyTaught(messagesRepair, { custom: [], repairs: [] }, pdd.exampleUrls[0]!, NOW)).toEqual({
      ok: false,
      error: 'notThisPage',
    });
  });

  it('lays a repair of a taught console into that console', () => {
    const outcome = applyTaught(
      {
        type: 'saveConsoleRepair',
        id: taught().id,
        parts: ['input'],
        selectors: { input: 'textarea.reply', inputKind: 'textarea' },
      },
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

describe('consoles in a playbook pack', () => {
  it('travel in the pack, validated, and replace the same console on import', () => {
    const repair = { id: 'qianniu', parts: ['messages' as const], selectors: messagesRepair.selectors, taughtAt: NOW };
    const contents = {
      templates: [],
      coupons: [],
      couponRules: [],
      taxonomy: null,
      reminderRules: null,
      contactPolicy: null,
    };
    const pack = buildPack(contents, {
      name: '',
      exportedBy: '',
      now: NOW,
      consoles: { custom: [taught()], repairs: [repair] },
    });
    const read = parsePack(serializePack(pack));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.pack.consoles?.custom.map((c) => c.id)).toEqual([taught().id]);
    const merged = mergePackConsoles(
      {
        custom: [
          taught({ name: { zh: '旧的', en: '旧的' } }),
          taught({
            id: 'taught-other',
            matches: ['https://other.example.com/*'],
            exampleUrls: ['https://other.example.com/'],
          }),
        ],
        repairs: [],
      },
      read.pack.consoles!,
    );
    expect(merged.custom.map((c) => [c.id, c.name.zh])).toEqual([
      ['taught-other', '客服工作台'],
      [taught().id, '客服工作台'],
    ]);
    expect(merged.repairs.map((r) => r.id)).toEqual(['qianniu']);
    // A pack with a console that does not validate is refused as a whole, saying where.
    const broken = JSON.parse(serializePack(pack)) as { consoles: { custom: Array<{ matches: string[] }> } };
    broken.consoles.custom[0]!.matches = ['https://*/*'];
    const refused = parsePack(JSON.stringify(broken));
    expect(refused.ok).toBe(false);
  });
});
