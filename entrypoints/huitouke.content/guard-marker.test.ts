// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { defaultGuardRules, guardListName, guardNames, resolveGuard, textFingerprint } from '@/lib/guard';
import type { ConsoleMessage } from '@/lib/schemas/messages';
import { complianceContext, MARKER_TAG, mountGuardMarker } from './guard-marker';
import { parseHubToConsole } from './guards';

const guard = () =>
  resolveGuard(defaultGuardRules(), 'taobao', guardNames('zh-CN'), (id) => guardListName(id, 'zh-CN'));

function setUp(messages: ConsoleMessage[] = []) {
  document.body.replaceChildren(document.createElement('textarea'));
  const input = document.querySelector('textarea')!;
  const shown: (string | null)[] = [];
  const marker = mountGuardMarker({
    doc: document,
    findInput: () => input,
    messages: () => messages,
    onShown: (line) => shown.push(line),
  });
  const type = (text: string) => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  return { input, marker, shown, type };
}

afterEach(() => {
  document.documentElement.querySelectorAll(MARKER_TAG).forEach((el) => el.remove());
});

describe("the send check's marker by the console's input", () => {
  it('names the rule as the agent types off-platform contact, and leaves the text and the typing alone', () => {
    const { input, marker, shown, type } = setUp();
    marker.setGuard(guard());
    type('好的亲');
    expect(shown).toEqual([]);
    const typed = new Event('input', { bubbles: true, cancelable: true });
    input.value = '加我微信 abc123';
    input.dispatchEvent(typed);
    expect(typed.defaultPrevented).toBe(false);
    expect(input.value).toBe('加我微信 abc123');
    expect(shown.at(-1)).toContain('站外联系方式');
    expect(shown.at(-1)).toContain('abc123');
    // The marker is in the page, but what it says is behind a closed shadow root.
    const host = document.documentElement.querySelector(MARKER_TAG)!;
    expect(host).not.toBeNull();
    expect(host.shadowRoot).toBeNull();
    expect(host.textContent).toBe('');
    type('好的，马上为您处理');
    expect(shown.at(-1)).toBeNull();
    marker.destroy();
  });

  it('checks nothing until the sidebar has sent the lists, and checks the input again when they arrive', () => {
    const { marker, shown, type } = setUp();
    type('全网最低价');
    expect(shown).toEqual([]);
    const message = parseHubToConsole(JSON.parse(JSON.stringify({ type: 'guard', guard: guard() })));
    expect(message?.type).toBe('guard');
    marker.setGuard(message?.type === 'guard' ? message.guard : null);
    expect(shown.at(-1)).toMatch(/最/);
    marker.setGuard(null);
    expect(shown.at(-1)).toBeNull();
    marker.destroy();
  });

  it('flags the same text as the last message the agent sent in this conversation', () => {
    const messages: ConsoleMessage[] = [
      { id: '1', author: 'buyer', text: '在吗' },
      { id: '2', author: 'agent', text: '亲，您的包裹今天下午已经发出了' },
    ];
    const { marker, shown, type } = setUp(messages);
    marker.setGuard(guard());
    type('亲，您的包裹今天下午已经发出了！');
    expect(shown.at(-1)).toBe(guardNames('zh-CN').repeat);
    marker.destroy();
  });
});

describe('a text the agent types that other buyers already had', () => {
  it('is named when the sidebar says ten other Shopee buyers had it, as the guard message carries it', () => {
    const { marker, shown, type } = setUp();
    const text = '亲，您的包裹已经发出，请注意查收哦';
    const shopee = {
      ...resolveGuard(defaultGuardRules(), 'shopee', guardNames('zh-CN'), (id) => guardListName(id, 'zh-CN')),
      sameText: [{ fingerprint: textFingerprint(text), buyers: 10 }],
    };
    const message = parseHubToConsole(JSON.parse(JSON.stringify({ type: 'guard', guard: shopee })));
    marker.setGuard(message?.type === 'guard' ? message.guard : null);
    type('亲 您的包裹已经发出 请注意查收哦！');
    expect(shown.at(-1)).toBe('相同内容近期已发给 10 位买家');
    type('亲，这款偏小一码，建议拍大一码哦');
    expect(shown.at(-1)).toBeNull();
    marker.destroy();
  });

  it('refuses a guard message whose list of texts is malformed', () => {
    const base = guard();
    for (const sameText of [
      [{ fingerprint: '', buyers: 3 }],
      [{ fingerprint: 'abc:3', buyers: 1 }],
      'abc',
      [{ fingerprint: 'abc:3' }],
    ]) {
      expect(parseHubToConsole(JSON.parse(JSON.stringify({ type: 'guard', guard: { ...base, sameText } })))).toBeNull();
    }
    expect(parseHubToConsole(JSON.parse(JSON.stringify({ type: 'guard', guard: base })))).toMatchObject({
      type: 'guard',
      guard: { platform: 'taobao' },
    });
  });
});

describe('the conversation as the repeat and in-a-row checks see it', () => {
  it('counts agent messages since the buyer last wrote', () => {
    const ctx = complianceContext([
      { id: '1', author: 'agent', text: 'a' },
      { id: '2', author: 'buyer', text: 'b' },
      { id: '3', author: 'agent', text: 'c' },
      { id: '4', author: 'system', text: 'd' },
      { id: '5', author: 'agent', text: 'e' },
    ]);
    expect(ctx).toEqual({ lastAgentText: 'e', agentMessagesInARow: 2 });
  });
});
