import { describe, expect, it } from 'vitest';
import type { ConsoleMessage } from '../schemas/messages';
import { DEFAULT_APP_SETTINGS } from '../settings/app';
import { sampleBuyer } from '../templates/testing';
import {
  agentMessagesInARow,
  guardFor,
  insertFailureMessage,
  kindsForNow,
  renderContextFor,
  renderFor,
  sameTarget,
  templateForShortcut,
  type ConversationFacts,
  type Suggestions,
} from './index';
import { defaultTemplates, renderTemplate, withConsoleOrders } from '../templates';
import { translate } from '../i18n';
import { defaultGuardRules, textFingerprint } from '../guard';

const msg = (author: ConsoleMessage['author'], n: number): ConsoleMessage => ({
  id: `m${n}`,
  author,
  text: `${author} ${n}`,
});

function facts(platform: ConversationFacts['platform'], messages: ConsoleMessage[]): ConversationFacts {
  return {
    buyerId: 'x:1',
    target: { consoleId: 'demo', platform, id: '1', nick: '1' },
    platform,
    profile: null,
    messages,
    recentConcerns: [],
  };
}

describe('which kinds of reply are suggested now', () => {
  it('offers payment reminders only while an unpaid reminder is open, and thanks only just after a purchase', () => {
    const silent = sampleBuyer();
    expect(kindsForNow(silent, new Set(), '2025-06-20')).not.toContain('unpaid_reminder');
    expect(kindsForNow(silent, new Set(['unpaid']), '2025-06-20')).toContain('unpaid_reminder');
    expect(kindsForNow(silent, new Set(), '2025-06-20')).not.toContain('thanks');
    expect(kindsForNow(silent, new Set(), '2025-04-13')).toContain('thanks');
    expect(kindsForNow(silent, new Set(['day100']), '2025-06-20')).toContain('greeting');
    expect(kindsForNow(null, new Set(), '2025-06-20')).toContain('concern_answer');
    // A review reply only when the buyer brings up their review.
    expect(kindsForNow(silent, new Set(), '2025-06-20', ['在吗'])).not.toContain('review_reply');
    expect(kindsForNow(silent, new Set(), '2025-06-20', ['我给了中评，衣服起球了'])).toContain('review_reply');
    expect(kindsForNow(silent, new Set(), '2025-06-20', ['I left a 2-star review'])).toContain('review_reply');
  });
});

describe('send guard in the sidebar', () => {
  it('counts the agent messages since the buyer last wrote', () => {
    expect(agentMessagesInARow([msg('buyer', 1), msg('agent', 2), msg('system', 3), msg('agent', 4)])).toBe(2);
    expect(agentMessagesInARow([msg('agent', 1), msg('buyer', 2)])).toBe(0);
  });

  it('blocks a sixth message in a row and an over-long one on Shopee, but not elsewhere', () => {
    const five = [msg('buyer', 0), ...[1, 2, 3, 4, 5].map((n) => msg('agent', n))];
    const now = Date.UTC(2025, 5, 20, 4);
    expect(guardFor('Hi!', facts('shopee', five), null, now, DEFAULT_APP_SETTINGS).blocks.map((w) => w.code)).toEqual([
      'sendCheck_tooManyInARow',
    ]);
    expect(
      guardFor('x'.repeat(601), facts('shopee', [msg('buyer', 0)]), null, now, DEFAULT_APP_SETTINGS).blocks.map(
        (w) => w.code,
      ),
    ).toEqual(['sendCheck_tooLong']);
    expect(guardFor('x'.repeat(601), facts('taobao', five), null, now, DEFAULT_APP_SETTINGS).blocks).toEqual([]);
  });

  it('warns when this very text went to ten other Shopee buyers recently, by its fingerprint', () => {
    const text = '亲，您的包裹已经发出，请注意查收哦！';
    const rule = defaultGuardRules().repeat;
    const recent = [
      { fingerprint: textFingerprint(text), buyers: 10 },
      { fingerprint: textFingerprint('别的话术，也发给了很多人'), buyers: 40 },
    ];
    const now = Date.now();
    const check = guardFor(text, facts('shopee', [msg('buyer', 0)]), null, now, DEFAULT_APP_SETTINGS, undefined, {
      rule,
      recent,
    });
    expect(check.blocks).toEqual([]);
    expect(check.warns.map((w) => [w.code, w.params.count])).toEqual([['sendCheck_sameText', 10]]);
    // Another text, or fewer buyers than the rule allows, passes.
    expect(
      guardFor(
        '亲，这款偏小一码，建议拍大一码哦',
        facts('shopee', [msg('buyer', 0)]),
        null,
        now,
        DEFAULT_APP_SETTINGS,
        undefined,
        { rule, recent },
      ).warns,
    ).toEqual([]);
    expect(
      guardFor(text, facts('shopee', [msg('buyer', 0)]), null, now, DEFAULT_APP_SETTINGS, undefined, {
        rule,
        recent: [{ fingerprint: textFingerprint(text), buyers: 9 }],
      }).warns,
    ).toEqual([]);
  });
});

describe('rendering for a buyer who is not in the imported data', () => {
  it('fills {{buyer.nick}} from the console', () => {
    const template = { ...defaultTemplates()[0]!, variants: { 'zh-CN': '{{buyer.nick}}，您好' } };
    const s = { lang: 'zh-CN' as const, today: '2025-06-20', ranked: [], coupons: [], bestCoupon: null };
    const withNick = renderFor(s, null, DEFAULT_APP_SETTINGS, { template, coupon: null, answers: {}, nick: '小鱼' });
    expect(withNick.ok && withNick.text).toBe('小鱼，您好');
    const without = renderFor(s, null, DEFAULT_APP_SETTINGS, { template, coupon: null, answers: {} });
    expect(without.ok).toBe(false);
  });
});

describe('inserts and typed shortcuts in the sidebar', () => {
  it('says which conversation is open when an insert was refused there, in either language', () => {
    const m = insertFailureMessage({ requestId: 'r', ok: false, reason: 'conversation_changed', openNick: '买家B' });
    expect(translate('zh-CN', m.key, m.params)).toBe('会话已切换到 买家B，未填入');
    expect(translate('en', m.key, m.params)).toBe('The conversation switched to 买家B; nothing was put in');
    const timeout = insertFailureMessage({ requestId: 'r', ok: false, reason: 'timeout' });
    expect(translate('zh-CN', timeout.key, { reason: translate('zh-CN', timeout.reasonKey!) })).toBe(
      '没能放入输入框：聊天工作台没有回应',
    );
  });

  it('finds the template a typed shortcut names, and tells conversations apart by console, buyer id and nick', () => {
    const templates = defaultTemplates();
    expect(templateForShortcut(templates, '/CM')?.id).toBe('builtin.concern.size');
    expect(templateForShortcut(templates, '/nope')).toBeNull();
    expect(
      templateForShortcut(
        templates.map((t) => ({ ...t, enabled: false })),
        '/cm',
      ),
    ).toBeNull();
    const a = { consoleId: 'demo', platform: 'taobao', id: 'b1', nick: '买家A' } as const;
    expect(sameTarget(a, { ...a })).toBe(true);
    expect(sameTarget(a, { ...a, nick: '买家B' })).toBe(false);
    expect(sameTarget(a, { ...a, id: null })).toBe(false);
    expect(sameTarget(a, { ...a, consoleId: 'qianniu' })).toBe(false);
  });
});

describe('what a suggestion is rendered for', () => {
  it('names the product asked about and the parcel the console shows', () => {
    const shipping = defaultTemplates().find((t) => t.kind === 'shipping')!;
    const s: Suggestions = {
      lang: 'zh-CN',
      today: '2025-06-20',
      ranked: [],
      coupons: [],
      bestCoupon: null,
      orders: withConsoleOrders(
        [],
        [{ id: 'PDD-77', status: 'shipped', tracking: 'YT7500000000002', carrier: '圆通速递' }],
      ),
      product: { id: '6234567890', title: '羊毛混纺大衣 米白 M' },
    };
    const ctx = renderContextFor(s, sampleBuyer(), DEFAULT_APP_SETTINGS, {
      template: shipping,
      coupon: null,
      answers: {},
    });
    expect(ctx.order).toMatchObject({ id: 'PDD-77', trackingNo: 'YT7500000000002', carrier: '圆通速递' });
    const result = renderTemplate('您问的{{product.title}}已发出，{{order.carrier}}单号{{order.trackingNo}}', ctx);
    expect(result.ok && result.text).toBe('您问的羊毛混纺大衣 米白 M已发出，圆通速递单号YT7500000000002');
  });
});
