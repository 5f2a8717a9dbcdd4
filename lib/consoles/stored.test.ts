import { describe, expect, it } from 'vitest';
import { PlatformSchema } from '../schemas/common';
import { BUILT_IN_ADAPTERS } from './adapters';
import { parseCustomConsoles } from './custom';
import { PLATFORM_IDS } from './platforms';
import { readStoredConsoles } from './stored';

function custom(overrides: Record<string, unknown> = {}, selectors: Record<string, unknown> = {}) {
  return {
    id: 'lazada-my',
    name: { zh: 'Lazada 聊天', en: 'Lazada chat' },
    platform: 'other',
    matches: ['https://sellercenter.lazada.com.my/apps/im/*'],
    exampleUrls: ['https://sellercenter.lazada.com.my/apps/im/chat'],
    selectors: {
      ready: '.im-container',
      buyerNick: { selector: '.session-header .buyer-name' },
      messageRow: '.message-list .message-item',
      messageText: '.message-text',
      authorBuyer: '.message-item.left',
      authorAgent: '.message-item.right',
      input: '.im-editor textarea',
      inputKind: 'textarea',
      ...selectors,
    },
    ...overrides,
  };
}

/** Stored values a hand edit, an older version or a bug could leave behind. */
const CASES: Array<[string, unknown]> = [
  ['a complete definition', custom()],
  [
    'one with every optional part',
    custom(
      {
        pathPrefixes: ['/apps/im/'],
        urlIncludes: ['im'],
        platform: { fromAttribute: { selector: '#app', attr: 'data-platform' } },
      },
      {
        buyerId: { selector: '.buyer', attr: 'data-uid' },
        messageId: { attr: 'data-id' },
        sendButton: '.send',
        authorSystem: '.sys',
      },
    ),
  ],
  ['a pattern for every site', custom({ matches: ['*://*/*'] })],
  ['a pattern that does not parse', custom({ matches: ['sellercenter.lazada.com.my'] })],
  ['no pattern', custom({ matches: [] })],
  ['the id of a built-in console', custom({ id: 'jd' })],
  ['an id with capitals', custom({ id: 'Lazada' })],
  ['an unknown platform', custom({ platform: 'lazada' })],
  ['a selector that is a number', custom({}, { messageRow: 5 })],
  ['an empty selector', custom({}, { input: '  ' })],
  ['an overlong selector', custom({}, { ready: `.a${' .b'.repeat(150)}` })],
  ['a missing input', custom({}, { input: undefined })],
  ['an unknown input kind', custom({}, { inputKind: 'draftjs' })],
  ['a buyer id attribute with a space', custom({}, { buyerId: { selector: '.b', attr: 'data uid' } })],
  ['a name that is too long', custom({ name: { zh: '长'.repeat(41), en: 'x' } })],
  ['no selectors', custom({ selectors: null })],
  ['a string', 'lazada'],
  ['null', null],
];

describe('custom consoles as the content script reads them from storage', () => {
  it.each(CASES)('agree with the full schema on %s', (_, value) => {
    const expected = parseCustomConsoles([value]).map((a) => a.id);
    expect(readStoredConsoles([value]).map((a) => a.id)).toEqual(expected);
  });

  it('keeps the good entries when one is broken', () => {
    const good = custom();
    const other = custom({
      id: 'lazada-sg',
      matches: ['https://sellercenter.lazada.sg/apps/im/*'],
      exampleUrls: ['https://sellercenter.lazada.sg/apps/im/chat'],
    });
    expect(readStoredConsoles([good, { id: 'broken' }, other]).map((a) => a.id)).toEqual(['lazada-my', 'lazada-sg']);
  });

  it('reads nothing from something that is not a list', () => {
    expect(readStoredConsoles({ 0: custom() })).toEqual([]);
    expect(readStoredConsoles(undefined)).toEqual([]);
  });

  it("accepts the built-in adapters' shapes, except for their reserved ids", () => {
    for (const adapter of BUILT_IN_ADAPTERS) {
      expect(readStoredConsoles([adapter])).toEqual([]);
      expect(readStoredConsoles([{ ...adapter, id: `my-${adapter.id}` }]).map((a) => a.id)).toEqual([
        `my-${adapter.id}`,
      ]);
    }
  });

  it('knows the same platforms as the shared schema', () => {
    expect([...PLATFORM_IDS]).toEqual(PlatformSchema.options);
  });
});
