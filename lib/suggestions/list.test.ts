import { describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../concerns';
import { DEFAULT_CONTACT_POLICY } from '../contact/schema';
import { DEFAULT_COUPON_RULES, DEFAULT_COUPONS } from '../coupons/defaults';
import type { ConsoleMessage } from '../schemas/messages';
import { DEFAULT_APP_SETTINGS } from '../settings/app';
import { createTemplateSearchIndex, defaultTemplates } from '../templates';
import { sampleBuyer } from '../templates/testing';
import {
  concernNamer,
  contactOfInsert,
  COUPON_ONLY_TEMPLATE,
  decideInsert,
  detectConcerns,
  openReminderKinds,
  recentConcerns,
  suggest,
  suggestionList,
  templateForCoupon,
  TOP,
  conversationFacts,
  listKeyAction,
  quickPickNumber,
  takesKey,
  type ConversationFacts,
  type ListKeyState,
  type ListOptions,
} from './index';

const NOW = Date.UTC(2025, 5, 20, 4);
const templates = defaultTemplates();
const ctx = {
  templates,
  coupons: DEFAULT_COUPONS,
  couponRules: DEFAULT_COUPON_RULES,
  contactLog: [],
  policy: DEFAULT_CONTACT_POLICY,
  now: NOW,
};
const buyerSays = (...texts: string[]): ConsoleMessage[] =>
  texts.map((text, i) => ({ id: `m${i}`, author: 'buyer', text }));

function factsFor(messages: ConsoleMessage[], profile = sampleBuyer()): ConversationFacts {
  const detected = detectConcerns(messages, defaultTaxonomy());
  return {
    buyerId: 'taobao:tb_lily88',
    target: { consoleId: 'demo', platform: 'taobao', id: 'tb_lily88', nick: '莉莉小姐' },
    nick: '莉莉小姐',
    platform: 'taobao',
    profile,
    orders: [],
    messages,
    recentConcerns: recentConcerns(messages, detected),
  };
}
const options = (over: Partial<ListOptions> = {}): ListOptions => ({
  query: null,
  index: createTemplateSearchIndex(templates),
  all: new Map(templates.map((t) => [t.id, t])),
  pinned: null,
  viaShortcut: null,
  showAll: false,
  open: null,
  concernNames: {},
  locale: 'zh-CN',
  ...over,
});

describe('concerns in the conversation', () => {
  it('finds them newest message first, and names them in the UI language', () => {
    const messages = buyerSays('这个是正品吗', '我165穿什么码');
    const detected = detectConcerns(messages, defaultTaxonomy());
    expect(detected.map((d) => d.concern)).toEqual(['size', 'authenticity']);
    expect(detected[0]).toMatchObject({ messageId: 'm1', quote: '我165穿什么码' });
    expect(recentConcerns(messages, detected)).toEqual(['size', 'authenticity']);
    const nameOf = concernNamer(defaultTaxonomy());
    expect(nameOf('size', 'zh-CN')).toBe('尺码');
    expect(nameOf('size', 'en')).toBe('Size');
    expect(nameOf('unknown-id', 'en')).toBe('unknown-id');
  });
});

describe('the suggestion list', () => {
  it('puts the answer to the concern the buyer just raised first, with why, and keeps to the top five', () => {
    const facts = factsFor(buyerSays('我165穿什么码'));
    const s = suggest(facts, ctx, DEFAULT_APP_SETTINGS, new Set());
    const list = suggestionList(s, facts, DEFAULT_APP_SETTINGS, options({ concernNames: { size: '尺码' } }));
    expect(list.items[0]!.template.shortcut).toBe('/cm');
    expect(list.items[0]!.reason).toContain('尺码');
    expect(list.items.length).toBeLessThanOrEqual(TOP);
    expect(list.total).toBe(s.ranked.length);
    const all = suggestionList(s, facts, DEFAULT_APP_SETTINGS, options({ showAll: true }));
    expect(all.items).toHaveLength(s.ranked.length);
  });

  it('offers the unpaid reminder reply only while an unpaid reminder is open or comes due within a day', () => {
    const facts = factsFor(buyerSays('在吗'));
    const unpaid = { id: 'r1', kind: 'unpaid' as const, dueAt: NOW + 2 * 3_600_000 };
    const soon = openReminderKinds({ due: [], upcoming: [unpaid as never] }, NOW);
    expect(soon.has('unpaid')).toBe(true);
    expect(
      openReminderKinds({ due: [], upcoming: [{ ...unpaid, dueAt: NOW + 3 * 86_400_000 } as never] }, NOW).has(
        'unpaid',
      ),
    ).toBe(false);
    const kinds = (set: Set<never> | typeof soon) =>
      suggest(facts, ctx, DEFAULT_APP_SETTINGS, set).ranked.map((r) => r.template.kind);
    expect(kinds(soon)).toContain('unpaid_reminder');
    expect(kinds(new Set())).not.toContain('unpaid_reminder');
  });

  it('lists a typed shortcut first, and a search by what it finds', () => {
    const facts = factsFor(buyerSays('在吗'));
    const s = suggest(facts, ctx, DEFAULT_APP_SETTINGS, new Set());
    const size = templates.find((t) => t.shortcut === '/cm')!;
    const typed = suggestionList(
      s,
      facts,
      DEFAULT_APP_SETTINGS,
      options({ viaShortcut: { template: size, typed: '/cm' } }),
    );
    expect(typed.items[0]).toMatchObject({ key: `sc:${size.id}`, reason: '输入框快捷短语 /cm' });
    expect(typed.items.filter((v) => v.template.id === size.id)).toHaveLength(1);
    const found = suggestionList(s, facts, DEFAULT_APP_SETTINGS, options({ query: '尺码' }));
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((v) => v.key.startsWith('q:'))).toBe(true);
  });

  it('puts a picked coupon on a win-back template, or on the coupon text alone', () => {
    const facts = factsFor(buyerSays('在吗'));
    const s = suggest(facts, ctx, DEFAULT_APP_SETTINGS, new Set());
    const carrier = templateForCoupon(s);
    expect(
      carrier.id === COUPON_ONLY_TEMPLATE.id || /\{\{coupon\./.test(Object.values(carrier.variants).join('')),
    ).toBe(true);
    expect(templateForCoupon({ ...s, ranked: [] })).toBe(COUPON_ONLY_TEMPLATE);
    expect(contactOfInsert(COUPON_ONLY_TEMPLATE, '券', null)).toEqual({ templateId: null, kind: 'coupon', text: '券' });
  });
});

describe('choosing a suggestion', () => {
  it('opens the form while blanks are empty, then inserts the rendered text', () => {
    const facts = factsFor(buyerSays('我165穿什么码'));
    const s = suggest(facts, ctx, DEFAULT_APP_SETTINGS, new Set());
    const withBlank = {
      ...templates[0]!,
      id: 'x.blank',
      variants: { 'zh-CN': '{{buyer.nick}}，您的身高是{{ask:身高}}吗' },
    };
    const view = { key: 'r:x.blank', template: withBlank };
    const blank = decideInsert(
      view,
      s,
      facts,
      DEFAULT_APP_SETTINGS,
      { pinned: null, answers: {}, confirming: false },
      NOW,
    );
    expect(blank).toMatchObject({ kind: 'form', blocks: [], warns: [] });
    const filled = decideInsert(
      view,
      s,
      facts,
      DEFAULT_APP_SETTINGS,
      { pinned: null, answers: { 身高: '165' }, confirming: false },
      NOW,
    );
    expect(filled).toMatchObject({ kind: 'insert', text: '莉莉小姐，您的身高是165吗' });
  });

  it('blocks a sixth agent message in a row on Shopee and shows it in the form', () => {
    const messages: ConsoleMessage[] = [
      ...buyerSays('hi'),
      ...[1, 2, 3, 4, 5].map((n): ConsoleMessage => ({ id: `a${n}`, author: 'agent', text: 'ok' })),
    ];
    const facts = { ...factsFor(messages), platform: 'shopee' as const };
    const s = suggest(facts, ctx, DEFAULT_APP_SETTINGS, new Set());
    const decision = decideInsert(
      { key: 'r:t', template: { ...templates[0]!, variants: { 'zh-CN': '好的' } } },
      s,
      facts,
      DEFAULT_APP_SETTINGS,
      { pinned: null, answers: {}, confirming: false },
      NOW,
    );
    expect(decision.kind === 'form' && decision.blocks.map((b) => b.code)).toEqual(['sendCheck_tooManyInARow']);
  });
});

describe('ranking by use', () => {
  it("puts the template the team used most first among those that fit alike, counting other agents' uses", () => {
    const facts = factsFor(buyerSays('在吗'));
    const plain = (id: string, order: number, teamUsageCount?: number) => ({
      ...templates[0]!,
      id,
      kind: 'custom' as const,
      conditions: {},
      variants: { 'zh-CN': `好的 ${id}` },
      order,
      usageCount: 1,
      ...(teamUsageCount !== undefined ? { teamUsageCount } : {}),
    });
    const order = (list: ReturnType<typeof plain>[]) =>
      suggest(facts, { ...ctx, templates: list }, DEFAULT_APP_SETTINGS, new Set()).ranked.map((r) => r.template.id);
    expect(order([plain('x.a', 0), plain('x.b', 1)])).toEqual(['x.a', 'x.b']);
    expect(order([plain('x.a', 0), plain('x.b', 1, 40)])).toEqual(['x.b', 'x.a']);
  });
});

describe('the conversation as the suggestions see it', () => {
  it("binds to the console's buyer, lets the order panel win over the import, and names the concerns", () => {
    const messages = buyerSays('这个是正品吗', '我165穿什么码');
    const detected = detectConcerns(messages, defaultTaxonomy());
    const state = {
      consoleId: 'demo',
      buyer: { id: null, nick: '小鱼', platform: 'pinduoduo' as const },
      messages,
      orders: [{ id: 'PDD-77', status: 'shipped' as const, tracking: 'YT7500000000002', carrier: '圆通速递' }],
    };
    const { facts, concernNames } = conversationFacts(
      state,
      { buyer: null, profile: null, orders: [] },
      detected,
      concernNamer(defaultTaxonomy()),
      'en',
    );
    expect(facts.buyerId).toBe('pinduoduo:小鱼');
    expect(facts.target).toEqual({ consoleId: 'demo', platform: 'pinduoduo', id: null, nick: '小鱼' });
    expect(facts.recentConcerns).toEqual(['size', 'authenticity']);
    expect(facts.orders?.[0]).toMatchObject({ orderId: 'PDD-77', trackingNo: 'YT7500000000002' });
    expect(concernNames).toMatchObject({ size: 'Size' });
  });
});

describe("the list's keys", () => {
  const state = (over: Partial<ListKeyState> = {}): ListKeyState => ({
    count: 4,
    active: 1,
    inSearch: false,
    inBlank: false,
    searching: false,
    open: false,
    ...over,
  });
  it('moves with the arrows within the list, and chooses the active line with Enter', () => {
    expect(listKeyAction({ key: 'ArrowDown' }, state())).toEqual({ kind: 'move', to: 2 });
    expect(listKeyAction({ key: 'ArrowDown' }, state({ active: 3 }))).toEqual({ kind: 'move', to: 3 });
    expect(listKeyAction({ key: 'ArrowUp' }, state({ active: 0 }))).toEqual({ kind: 'move', to: 0 });
    expect(listKeyAction({ key: 'Enter' }, state())).toEqual({ kind: 'choose', index: 1, activate: false });
    expect(listKeyAction({ key: 'Enter' }, state({ inSearch: true }))).toMatchObject({ kind: 'choose', index: 1 });
  });

  it('picks line n with the number key n (1–9), not in the search box, not with a modifier, not past the list', () => {
    expect(listKeyAction({ key: '3' }, state())).toEqual({ kind: 'choose', index: 2, activate: true });
    expect(listKeyAction({ key: '5' }, state())).toEqual({ kind: 'none' });
    expect(takesKey(listKeyAction({ key: '5' }, state()))).toBe(true);
    expect(listKeyAction({ key: '3' }, state({ inSearch: true }))).toBeNull();
    expect(listKeyAction({ key: '3', altKey: true }, state())).toBeNull();
    expect(listKeyAction({ key: '0' }, state())).toBeNull();
    expect([0, 8, 9].map(quickPickNumber)).toEqual([1, 9, null]);
  });

  it('leaves keys typed in a blank or while composing to them; / searches; Esc closes the form, then the search', () => {
    expect(listKeyAction({ key: 'Enter' }, state({ inBlank: true }))).toBeNull();
    expect(listKeyAction({ key: '1', isComposing: true }, state())).toBeNull();
    expect(listKeyAction({ key: '/' }, state())).toEqual({ kind: 'openSearch' });
    expect(listKeyAction({ key: '/' }, state({ searching: true }))).toBeNull();
    expect(listKeyAction({ key: 'Escape' }, state({ open: true, searching: true }))).toEqual({ kind: 'closeOpen' });
    expect(listKeyAction({ key: 'Escape' }, state({ searching: true }))).toEqual({ kind: 'closeSearch' });
    expect(listKeyAction({ key: 'Escape' }, state())).toBeNull();
    expect(takesKey({ kind: 'closeOpen' })).toBe(false);
  });
});
