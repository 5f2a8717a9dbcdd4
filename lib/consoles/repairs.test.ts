import { describe, expect, it } from 'vitest';
import { BUILT_IN_ADAPTERS } from './adapters';
import { describeMissing, partNames, sinceText } from './health';
import { combineRepairs, consoleAdapters, healthParts, partsToTeach, type ConsoleRepair } from './parts';
import { parseConsoleRepair, parseConsoleRepairs } from './repairs';
import { readStoredRepairs, storedAdapters } from './stored';
import { findAdapter } from './url';

const qianniu = BUILT_IN_ADAPTERS.find((a) => a.id === 'qianniu')!;
const QN_URL = 'https://myseller.taobao.com/home.htm/app-customer-service/toolpage/Message';

function repair(overrides: Partial<ConsoleRepair> = {}): ConsoleRepair {
  return {
    id: 'qianniu',
    parts: ['messages'],
    selectors: {
      messageRow: '[class*="ChatMessage--item--"]',
      messageText: '[class*="MessageItem--text--"]',
      authorBuyer: '[class*="MessageItem--left--"]',
      authorAgent: '[class*="MessageItem--right--"]',
      messageList: '[class*="MessageList--messageList--"]',
    },
    taughtAt: 1_760_000_000_000,
    ...overrides,
  };
}

describe('a repair of a built-in console', () => {
  it('is valid data under the adapter schema, and the repaired console reads with the taught parts only', () => {
    const parsed = parseConsoleRepair(repair());
    expect(parsed.success).toBe(true);
    const [adapter] = consoleAdapters([], [qianniu], [repair()]);
    expect(adapter?.selectors.messageRow).toBe('[class*="ChatMessage--item--"]');
    expect(adapter?.selectors.buyerNick).toEqual(qianniu.selectors.buyerNick);
    expect(adapter?.selectors.input).toBe(qianniu.selectors.input);
    // Message ids and system messages belonged to the old message markup: they go with it.
    expect(adapter?.selectors.authorSystem).toBeUndefined();
  });

  it('refuses a console that is not built in, selectors outside its parts, and a repaired whole that is not valid', () => {
    expect(parseConsoleRepair(repair({ id: 'lazada' })).error?.issues[0]?.message).toBe('consoles_err_repairUnknown');
    expect(
      parseConsoleRepair(repair({ selectors: { ...repair().selectors, input: 'textarea' } })).error?.issues[0]?.message,
    ).toBe('consoles_err_repairKey');
    expect(
      parseConsoleRepair(repair({ selectors: { ...repair().selectors, messageRow: '[class*="x"' } })).success,
    ).toBe(false);
    // A message repair must bring the required message selectors.
    expect(parseConsoleRepair(repair({ selectors: { messageRow: '.row' } })).success).toBe(false);
  });

  it('adds a later repair’s parts to an earlier one, the later winning where both taught', () => {
    const first = repair();
    const second: ConsoleRepair = {
      id: 'qianniu',
      parts: ['input', 'messages'],
      selectors: { ...repair().selectors, messageRow: '.row-v3', input: '.editor', inputKind: 'contenteditable' },
      taughtAt: first.taughtAt + 1,
    };
    const both = combineRepairs(first, second);
    expect(both.parts).toEqual(['messages', 'input']);
    expect(both.selectors.messageRow).toBe('.row-v3');
    expect(both.selectors.input).toBe('.editor');
    const third = combineRepairs(both, {
      id: 'qianniu',
      parts: ['buyerNick'],
      selectors: { buyerNick: { selector: '.nick' } },
      taughtAt: 5,
    });
    expect(third.parts).toEqual(['buyerNick', 'messages', 'input']);
    expect(third.selectors.messageRow).toBe('.row-v3');
  });

  it('is read the same by the content script (no zod) as by the schema, and applied to its console only', () => {
    const cases: unknown[] = [
      repair(),
      repair({ id: 'lazada' }),
      repair({ parts: [] }),
      { ...repair(), selectors: null },
      repair({ selectors: { ...repair().selectors, input: 'x' } }),
      'x',
      null,
    ];
    for (const value of cases)
      expect(readStoredRepairs([value]).map((r) => r.id)).toEqual(parseConsoleRepairs([value]).map((r) => r.id));
    const adapters = storedAdapters(undefined, [repair()]);
    expect(findAdapter(QN_URL, adapters)?.selectors.messageRow).toBe('[class*="ChatMessage--item--"]');
    expect(adapters.find((a) => a.id === 'jd')).toBe(BUILT_IN_ADAPTERS.find((a) => a.id === 'jd'));
  });
});

describe('health in words', () => {
  it('names parts, not selector keys, each once', () => {
    expect(healthParts(['authorBuyer', 'authorAgent', 'buyerNick', 'messageRow', 'input'])).toEqual([
      'buyerNick',
      'messages',
      'input',
    ]);
    expect(partNames(['messageRow', 'authorBuyer', 'input'], 'zh-CN')).toBe('消息、输入框');
    expect(partNames(['buyerNick', 'ready'], 'en')).toBe('chat area, buyer name');
    expect(partNames(['messageRow', 'authorBuyer'], 'zh-CN')).not.toMatch(/[a-z]/i);
  });

  it('says since when, as a time today and a date before', () => {
    const now = Date.UTC(2030, 4, 20, 8, 30);
    expect(sinceText(now - 27 * 60_000, now, 'zh-CN', 'Asia/Shanghai')).toBe('16:03');
    expect(sinceText(now - 2 * 86_400_000, now, 'zh-CN', 'Asia/Shanghai')).toBe('5月18日 16:30');
    expect(describeMissing(['messageRow'], 'zh-CN', now - 27 * 60_000, now, 'Asia/Shanghai')).toBe(
      '找不到：消息（16:03 起）',
    );
    expect(describeMissing(['input'], 'en', undefined, now)).toBe('Not found: message box');
  });

  it('points at the parts to teach again: the whole chat area is its messages and its input', () => {
    expect(partsToTeach(healthParts(['ready']))).toEqual(['messages', 'input']);
    expect(partsToTeach(healthParts(['buyerNick', 'conversationRow']))).toEqual(['buyerNick']);
  });
});
