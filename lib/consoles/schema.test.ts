import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_ADAPTERS,
  describeConsoleIssues,
  isPlausibleSelector,
  parseCustomConsole,
  parseCustomConsoles,
  SELECTOR_MAX_LENGTH,
} from './index';

/** What a supervisor might type into the custom-console form for a console we do not ship. */
function formInput() {
  return {
    id: 'lazada-my',
    name: { zh: 'Lazada 聊天', en: 'Lazada chat' },
    platform: 'other',
    matches: ['https://sellercenter.lazada.com.my/apps/im/*'],
    exampleUrls: ['https://sellercenter.lazada.com.my/apps/im/chat?tab=all'],
    selectors: {
      ready: '.im-container',
      buyerNick: { selector: '.session-header .buyer-name' },
      messageRow: '.message-list .message-item',
      messageText: '.message-text',
      authorBuyer: '.message-item.left',
      authorAgent: '.message-item.right',
      input: '.im-editor textarea',
      inputKind: 'textarea',
    },
  };
}

function errorsOf(input: unknown, locale: 'zh-CN' | 'en' = 'en') {
  const parsed = parseCustomConsole(input);
  return parsed.success ? [] : describeConsoleIssues(parsed.error, locale);
}

describe('custom console form validation', () => {
  it('accepts a complete, plausible definition', () => {
    expect(errorsOf(formInput())).toEqual([]);
  });

  it('rejects an overlong selector, saying which field and the limit', () => {
    const input = formInput();
    input.selectors.messageRow = `.row${' .x'.repeat(SELECTOR_MAX_LENGTH)}`;
    const [issue, ...rest] = errorsOf(input);
    expect(rest).toEqual([]);
    expect(issue?.path).toEqual(['selectors', 'messageRow']);
    expect(issue?.text).toBe(`selectors.messageRow: selector is too long (at most ${SELECTOR_MAX_LENGTH} characters)`);
    expect(errorsOf(input, 'zh-CN')[0]?.text).toContain(`最多 ${SELECTOR_MAX_LENGTH} 个字符`);
  });

  it('gives an empty selector one message, not an extra "invalid" one', () => {
    const input = formInput();
    input.selectors.input = '   ';
    expect(errorsOf(input).map((i) => i.text)).toEqual(['selectors.input: enter a CSS selector']);
  });

  it('rejects selectors with unpaired brackets or style-sheet syntax', () => {
    const input = formInput();
    input.selectors.buyerNick.selector = '.buyer-name[data-x="1"';
    input.selectors.input = 'textarea { color: red }';
    const issues = errorsOf(input);
    expect(issues.map((i) => i.path.join('.'))).toEqual(['selectors.buyerNick.selector', 'selectors.input']);
    expect(issues[0]?.text).toMatch(/not a valid CSS selector/);
  });

  it.each([
    ['sellercenter.lazada.com.my/apps/im/*', /looks like https:\/\/example\.com/],
    ['http://localhost:3000/*', /leave the port out/],
    ['chrome-extension://abc/*', /only http, https/],
    ['https://seller.*.com/*', /invalid host/],
    ['https://*/*', /cannot match every site/],
  ])('rejects the pattern %s with a clear message', (pattern, message) => {
    const input = { ...formInput(), matches: [pattern] };
    const texts = errorsOf(input).map((i) => i.text);
    expect(
      texts.some((t) => message.test(t)),
      texts.join(' | '),
    ).toBe(true);
  });

  it('checks the example address against the patterns', () => {
    const input = { ...formInput(), exampleUrls: ['https://sellercenter.lazada.sg/apps/im/chat'] };
    expect(errorsOf(input).map((i) => i.text)).toEqual([
      'The example address https://sellercenter.lazada.sg/apps/im/chat is not matched by the rules above',
    ]);
  });

  it('does not let a custom console take a built-in id', () => {
    const texts = errorsOf({ ...formInput(), id: 'jd' }).map((i) => i.text);
    expect(texts).toEqual(['id: the ID “jd” belongs to a built-in console']);
  });

  it('rejects functions and unknown shapes instead of storing them', () => {
    const input = { ...formInput(), selectors: { ...formInput().selectors, messageRow: () => '.x' } };
    expect(parseCustomConsole(input).success).toBe(false);
    expect(
      parseCustomConsole({ ...formInput(), selectors: { ...formInput().selectors, inputKind: 'richtext' } }).success,
    ).toBe(false);
  });

  it('skips broken stored entries and keeps the rest', () => {
    const good = formInput();
    const broken = { ...formInput(), id: 'broken', matches: ['nope'] };
    expect(parseCustomConsoles([broken, good, 'junk']).map((c) => c.id)).toEqual(['lazada-my']);
    expect(parseCustomConsoles(undefined)).toEqual([]);
  });

  it('holds the built-in adapters to the same rules, except for their reserved ids', () => {
    for (const adapter of BUILT_IN_ADAPTERS) {
      const texts = errorsOf(adapter).map((i) => i.text);
      expect(texts).toEqual([`id: the ID “${adapter.id}” belongs to a built-in console`]);
    }
  });
});

describe('isPlausibleSelector', () => {
  it.each([
    '#msgListContainer ul.msg-list > li.onemsg',
    '[data-qa-id="qa-message-warpper"]:not(:has(.messageNotMe, .messageIsMe))',
    "[title='a{b}']",
    '.a\\:b',
  ])('accepts %s', (s) => expect(isPlausibleSelector(s)).toBe(true));

  it.each(['', ' ', 'a,,b', ',a', 'a,', '[x="1"', 'a)', 'a { }', '@media x', 'a;b', '<div>'])('rejects %j', (s) =>
    expect(isPlausibleSelector(s)).toBe(false),
  );
});
