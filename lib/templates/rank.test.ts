import { describe, expect, it } from 'vitest';
import { formatReason } from './describe';
import { defaultTemplates } from './library';
import { rankTemplates, type RankContext } from './rank';
import type { Template } from './schema';
import { sampleBuyer } from './testing';

const CONCERN_NAMES_ZH = { size: '尺码', photo_match: '色差', price: '价格' };
const CONCERN_NAMES_EN = { size: 'size', photo_match: 'colour', price: 'price' };

function context(overrides: Partial<RankContext> = {}): RankContext {
  return {
    profile: sampleBuyer(),
    recentConcerns: [],
    platform: 'taobao',
    lang: 'zh-CN',
    now: Date.UTC(2025, 5, 20),
    ...overrides,
  };
}

function ids(templates: readonly Template[], ctx: RankContext): string[] {
  return rankTemplates(templates, ctx).map((r) => r.template.id);
}

function custom(id: string, patch: Partial<Template>): Template {
  return { ...defaultTemplates()[0]!, id, title: id, shortcut: undefined, kind: 'custom', conditions: {}, ...patch };
}

describe('rankTemplates', () => {
  const library = defaultTemplates();

  it('puts the answers to what a silent VIP2 buyer just asked first, most recent concern first', () => {
    // The buyer asked about size, then said the colour looked off: colour is the latest concern.
    const ranked = rankTemplates(library, context({ recentConcerns: ['photo_match', 'size'] }));
    expect(ranked.slice(0, 2).map((r) => r.template.id)).toEqual([
      'builtin.concern.photo_match',
      'builtin.concern.size',
    ]);
    expect(ranked[1]!.reason).toEqual([
      { kind: 'concern', id: 'size' },
      { kind: 'stage', id: 'silent' },
      { kind: 'level', name: 'VIP2' },
    ]);
    expect(formatReason(ranked[1]!.reason, 'zh-CN', CONCERN_NAMES_ZH)).toBe('买家问了尺码 · 沉默期 · VIP2');
    expect(formatReason(ranked[0]!.reason, 'en', CONCERN_NAMES_EN)).toBe('Asked about colour · Silent · VIP2');
    // Answers to concerns nobody raised stay out of the list.
    expect(ranked.some((r) => r.template.id === 'builtin.concern.quality')).toBe(false);
  });

  it('ranks a template answering several recent concerns by the most recent one', () => {
    const both = custom('both', {
      kind: 'concern_answer',
      order: 999,
      conditions: { concerns: ['photo_match', 'size'] },
    });
    const ranked = rankTemplates([...library, both], context({ recentConcerns: ['size', 'photo_match'] }));
    expect(ranked.slice(0, 3).map((r) => r.template.id)).toEqual([
      'builtin.concern.size',
      'both',
      'builtin.concern.photo_match',
    ]);
    const reason = ranked.find((r) => r.template.id === 'both')!.reason;
    expect(formatReason(reason, 'zh-CN', CONCERN_NAMES_ZH)).toBe('买家问了尺码、色差 · 沉默期 · VIP2');
  });

  it('offers only the stage message that matches the buyer, ahead of generic templates', () => {
    const order = ids(library, context());
    const reengage = order.filter((id) => id.startsWith('builtin.reengage.'));
    expect(reengage).toEqual(['builtin.reengage.silent']);
    expect(order.indexOf('builtin.reengage.silent')).toBeLessThan(order.indexOf('builtin.shipping.notice'));
    // Returning buyer: the new-buyer thanks and reminders are out, the returning ones are in.
    expect(order).toContain('builtin.thanks.repeat');
    expect(order).not.toContain('builtin.thanks.first');
    expect(order).not.toContain('builtin.unpaid.first.new');
  });

  it('treats an unknown contact as a new buyer at the prospect stage', () => {
    const ranked = rankTemplates(library, context({ profile: null }));
    const order = ranked.map((r) => r.template.id);
    expect(order).toContain('builtin.thanks.first');
    expect(order).toContain('builtin.reengage.prospect');
    expect(order).not.toContain('builtin.thanks.repeat');
    expect(order).not.toContain('builtin.concern.price.member');
    const generic = ranked.find((r) => r.template.id === 'builtin.shipping.notice')!;
    expect(formatReason(generic.reason, 'zh-CN', {})).toBe('通用 · 新买家');
  });

  it('prefers templates fitting more of the buyer (level, segment) and then the more used', () => {
    const vip = custom('vip-only', { conditions: { levels: ['VIP2'], segments: ['important_keep'] } });
    const popular = custom('popular', { usageCount: 50 });
    const quiet = custom('quiet', { usageCount: 2, order: -5 });
    const order = ids([quiet, popular, vip, ...library], context());
    expect(order[0]).toBe('vip-only');
    expect(order.indexOf('popular')).toBeLessThan(order.indexOf('quiet'));
    const reason = rankTemplates([vip], context())[0]!.reason;
    expect(formatReason(reason, 'zh-CN', {})).toBe('VIP2 · 重要保持 · 沉默期');
  });

  it("counts the team's uses with this browser's: a template the team uses most outranks one used more here", () => {
    const mine = custom('mine', { usageCount: 9, order: -5 });
    const shops = custom('shops', { usageCount: 1, teamUsageCount: 40 });
    const order = ids([mine, shops], context());
    expect(order.indexOf('shops')).toBeLessThan(order.indexOf('mine'));
  });

  it('falls back to manual order when usage ties', () => {
    const a = custom('a', { order: 20 });
    const b = custom('b', { order: 10 });
    expect(ids([a, b], context())).toEqual(['b', 'a']);
  });

  it('leaves out disabled, deleted and wrong-platform templates', () => {
    const off = custom('off', { enabled: false });
    const gone = custom('gone', { deletedAt: 1 });
    const jdOnly = custom('jd-only', { conditions: { platforms: ['jd'] } });
    const taobao = custom('taobao-only', { conditions: { platforms: ['taobao'] } });
    expect(ids([off, gone, jdOnly, taobao], context())).toEqual(['taobao-only']);
  });

  it('moves capped templates to the end with the cap reason first', () => {
    const ranked = rankTemplates(library, {
      ...context({ recentConcerns: ['size'] }),
      isCapped: (t) =>
        t.marketing
          ? {
              capped: true,
              reason: {
                kind: 'capped',
                code: 'weekly',
                message: { zh: '本周已营销1次', en: 'Already messaged this week' },
              },
            }
          : { capped: false },
    });
    const firstCapped = ranked.findIndex((r) => r.capped);
    expect(firstCapped).toBeGreaterThan(0);
    expect(ranked.slice(firstCapped).every((r) => r.capped && r.template.marketing)).toBe(true);
    expect(ranked[0]!.template.id).toBe('builtin.concern.size');
    const silent = ranked.find((r) => r.template.id === 'builtin.reengage.silent')!;
    expect(formatReason(silent.reason, 'zh-CN', {})).toBe('本周已营销1次 · 沉默期 · VIP2');
  });

  it('words a cap from the contact checker through its catalogue code', () => {
    const [ranked] = rankTemplates([custom('remind', { kind: 'unpaid_reminder' })], {
      ...context(),
      isCapped: () => ({
        capped: true,
        reason: { kind: 'capped', code: 'contact_capUnpaid', params: { count: 3, hours: 24 } },
      }),
    });
    const text = formatReason(ranked!.reason, 'zh-CN', {});
    expect(text).toContain('24');
    expect(text).toContain('3');
    expect(text).not.toContain('已达联系上限');
  });

  it('flags templates an English-speaking buyer would receive in Chinese', () => {
    const zhOnly = custom('zh-only', { variants: { 'zh-CN': '亲，在的' } });
    const [ranked] = rankTemplates([zhOnly], context({ lang: 'en' }));
    expect(ranked!.variant).toMatchObject({ lang: 'zh-CN', needsTranslation: true });
    expect(formatReason(ranked!.reason, 'en', {})).toBe('General · Silent · VIP2 · No English version');
  });

  it('narrows to the kinds asked for', () => {
    const order = ids(library, context({ kinds: ['unpaid_reminder'] }));
    expect(order.sort()).toEqual(['builtin.unpaid.first.returning', 'builtin.unpaid.second.returning']);
  });
});
