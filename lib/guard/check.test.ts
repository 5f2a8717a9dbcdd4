import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import { epochOfLocalDateTime } from '../reminders/time';
import { checkBeforeInsert, type GuardInput } from './check';
import { defaultGuardRules } from './rules';

const TZ = 'Asia/Shanghai';
const NOW = epochOfLocalDateTime('2025-05-14 15:00:00', TZ);
const DAY = 86_400_000;
const base: GuardInput = { text: '亲，包裹已经发出啦', platform: 'shopee', blanksUnfilled: 0, now: NOW, timeZone: TZ };
const codes = (patch: Partial<GuardInput>) => checkBeforeInsert({ ...base, ...patch }).map((w) => w.code);

describe('checkBeforeInsert', () => {
  it('passes an ordinary reply', () => {
    expect(codes({ lastBuyerMessageAt: NOW - DAY, agentMessagesInARow: 1 })).toEqual([]);
  });

  it('holds Shopee messages to 600 characters, counting an emoji as one', () => {
    expect(codes({ text: '好'.repeat(600) })).toEqual([]);
    expect(codes({ text: '😀'.repeat(600) })).toEqual([]);
    const long = checkBeforeInsert({ ...base, text: 'a'.repeat(601) });
    expect(long).toEqual([
      { code: 'sendCheck_tooLong', params: { platform: 'Shopee', max: 600, length: 601 }, severity: 'block' },
    ]);
    // Other consoles have the product's looser default, and a supervisor's limits replace it.
    expect(codes({ text: 'a'.repeat(1000), platform: 'taobao' })).toEqual([]);
    expect(codes({ text: 'a'.repeat(1001), platform: 'taobao' })).toEqual(['sendCheck_tooLong']);
    expect(codes({ text: 'a'.repeat(2000), platform: 'taobao', limits: {} })).toEqual([]);
    expect(codes({ text: 'a'.repeat(201), platform: 'shopify', limits: { maxChars: 200 } })).toEqual([
      'sendCheck_tooLong',
    ]);
    expect(codes({ text: 'a'.repeat(5000), platform: 'shopify' })).toEqual([]);
  });

  it("blocks replies more than 7 days after the buyer's last message on Shopee", () => {
    expect(codes({ lastBuyerMessageAt: NOW - 7 * DAY - 60_000 })).toEqual(['sendCheck_replyWindow']);
    expect(codes({ lastBuyerMessageAt: NOW - 6 * DAY })).toEqual([]);
    expect(codes({ lastBuyerMessageAt: null })).toEqual([]);
    expect(codes({ lastBuyerMessageAt: NOW - 30 * DAY, platform: 'jd' })).toEqual([]);
  });

  it('stops a sixth message in a row on Shopee', () => {
    expect(codes({ agentMessagesInARow: 4 })).toEqual([]);
    expect(codes({ agentMessagesInARow: 5 })).toEqual(['sendCheck_tooManyInARow']);
    expect(codes({ agentMessagesInARow: 9, platform: 'pinduoduo' })).toEqual([]);
  });

  it('flags unfilled blanks, empty text and an expired coupon on every platform', () => {
    const blanks = checkBeforeInsert({ ...base, platform: 'taobao', blanksUnfilled: ['尺码', '颜色'] });
    expect(blanks).toEqual([
      { code: 'sendCheck_blanks', params: { count: 2, names: '尺码、颜色' }, severity: 'block' },
    ]);
    expect(codes({ platform: 'douyin', text: '  \n' })).toEqual(['sendCheck_empty']);
    const coupon = (expiresOn: string, validFrom = '2025-05-01') => ({
      coupon: { name: '老客满减券' },
      validFrom,
      expiresOn,
    });
    expect(codes({ platform: 'taobao', coupon: coupon('2025-05-13') })).toEqual(['sendCheck_couponExpired']);
    expect(codes({ platform: 'taobao', coupon: coupon('2025-05-14') })).toEqual([]);
    expect(codes({ platform: 'taobao', coupon: coupon('2025-06-30', '2025-05-15') })).toEqual([
      'sendCheck_couponNotYet',
    ]);
  });

  it('gives every warning a complete text in both languages', () => {
    const all = checkBeforeInsert({
      ...base,
      text: ' '.repeat(700),
      blanksUnfilled: 2,
      lastBuyerMessageAt: NOW - 10 * DAY,
      agentMessagesInARow: 6,
      coupon: { coupon: { name: 'x' }, expiresOn: '2025-01-01' },
    });
    expect(all.map((w) => w.code)).toEqual([
      'sendCheck_empty',
      'sendCheck_tooLong',
      'sendCheck_replyWindow',
      'sendCheck_tooManyInARow',
      'sendCheck_blanks',
      'sendCheck_couponExpired',
    ]);
    for (const w of all) {
      for (const locale of ['zh-CN', 'en'] as const) expect(translate(locale, w.code, w.params)).not.toMatch(/\{\w+\}/);
    }
  });

  it("warns, without blocking, when the same text went to the rule's number of other buyers on Shopee", () => {
    const rule = defaultGuardRules().repeat; // 10 other buyers in 24 hours, Shopee only, 10 characters or more
    const text = '亲，您的包裹已经发出，请注意查收哦！';
    expect(codes({ text, sameText: { rule, buyers: 9 } })).toEqual([]);
    const warned = checkBeforeInsert({ ...base, text, sameText: { rule, buyers: 10 } });
    expect(warned).toEqual([
      { code: 'sendCheck_sameText', params: { platform: 'Shopee', count: 10, hours: 24 }, severity: 'warn' },
    ]);
    expect(translate('zh-CN', warned[0]!.code, warned[0]!.params)).toBe(
      '相同内容24小时内已用于另外10位买家，Shopee可能视为群发，建议改写后再发',
    );
    expect(translate('en', warned[0]!.code, warned[0]!.params)).toContain(
      'went to 10 other buyers in the last 24 hours',
    );
    // Not on a platform the rule leaves out, not for short replies, not when the supervisor turned it off.
    expect(codes({ text, platform: 'taobao', sameText: { rule, buyers: 50 } })).toEqual([]);
    expect(codes({ text: '好的，谢谢亲！', sameText: { rule, buyers: 50 } })).toEqual([]);
    expect(codes({ text, sameText: { rule: { ...rule, maxBuyers: null }, buyers: 50 } })).toEqual([]);
    expect(
      codes({
        text,
        platform: 'taobao',
        sameText: { rule: { ...rule, buyersPlatforms: [], maxBuyers: 3 }, buyers: 3 },
      }),
    ).toEqual(['sendCheck_sameText']);
  });
});
