import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateTime } from './dates';
import { mapStatus, shopifyStatus } from './status';
import {
  INVALID,
  cleanText,
  contentHash,
  findAmountInText,
  parseCents,
  parseId,
  parseQuantity,
  parseRefund,
} from './values';

describe('amounts', () => {
  it('reads money as exports write it, in cents', () => {
    expect(parseCents('59.00')).toBe(5900);
    expect(parseCents('59.9')).toBe(5990);
    expect(parseCents('128')).toBe(12800);
    expect(parseCents('59.00元')).toBe(5900);
    expect(parseCents('1,299.00')).toBe(129900);
    expect(parseCents('¥128.00')).toBe(12800);
    expect(parseCents('￥ 12.5')).toBe(1250);
    expect(parseCents('NT$1,280')).toBe(128000);
    expect(parseCents('RM 49.70')).toBe(4970);
    expect(parseCents('RM45.80')).toBe(4580);
    expect(parseCents(' 0.00 ')).toBe(0);
    expect(parseCents('-15.00')).toBe(-1500);
    expect(parseCents('="88.00"')).toBe(8800);
  });

  it('rounds half up past two decimals without float error', () => {
    expect(parseCents('1.005')).toBe(101);
    expect(parseCents('1.004')).toBe(100);
    expect(parseCents('0.125')).toBe(13);
  });

  it('treats empty and dashes as not given, and rejects text', () => {
    expect(parseCents('')).toBeNull();
    expect(parseCents('-')).toBeNull();
    expect(parseCents('十元')).toBe(INVALID);
    expect(parseCents('12,5')).toBe(INVALID);
    expect(parseCents('1.2.3')).toBe(INVALID);
    expect(parseCents('45123.5E3')).toBe(INVALID);
  });

  it('reads "no refund" words as zero', () => {
    expect(parseRefund('无退款申请')).toBe(0);
    expect(parseRefund('-')).toBe(0);
    expect(parseRefund('')).toBe(0);
    expect(parseRefund('20.00')).toBe(2000);
    expect(parseRefund('退款中')).toBe(INVALID);
  });

  it('finds an amount named inside after-sale text', () => {
    expect(findAmountInText('退款成功，退款金额59.00元')).toBe(5900);
    expect(findAmountInText('部分退款 ¥12.50')).toBe(1250);
    expect(findAmountInText('退款成功')).toBeNull();
  });

  it('reads quantities', () => {
    expect(parseQuantity('3')).toBe(3);
    expect(parseQuantity('2件')).toBe(2);
    expect(parseQuantity('')).toBeNull();
    expect(parseQuantity('两件')).toBe(INVALID);
    expect(parseQuantity('1.5')).toBe(INVALID);
  });

  it('reads what these regexes read, with no regex that retries from every position', () => {
    // The definitions the parsers had: short texts cost them nothing, long ones cost them
    // seconds (npm run bench:csv). The parsers must still agree with them everywhere.
    const amountIn = (text: string) => {
      const m = /(?:[¥￥]\s*(\d[\d,]*(?:\.\d+)?))|(?:(\d[\d,]*(?:\.\d+)?)\s*元)/.exec(text);
      if (!m) return null;
      const cents = parseCents(m[1] ?? m[2] ?? '');
      return typeof cents === 'number' ? cents : null;
    };
    const unit = fc.constantFrom(
      '1',
      '9',
      '0',
      ',',
      '.',
      ' ',
      '\u3000',
      '\t',
      '元',
      '¥',
      '￥',
      '件',
      'x',
      'R',
      'm',
      'B',
      'u',
      'S',
      'd',
      '-',
      '=',
      '"',
      "'",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 14 }), (text) => {
        expect(findAmountInText(text)).toBe(amountIn(text));
        const count = cleanText(text).replace(/\s*件$/, '');
        const expected = count === '' ? null : /^\d+(?:\.0+)?$/.test(count) ? Number.parseInt(count, 10) : INVALID;
        expect(parseQuantity(text)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    // A currency word after the number, in any case, with or without space before it; one only.
    expect(parseCents('59.00 rmb')).toBe(5900);
    expect(parseCents('12Usd')).toBe(1200);
    expect(parseCents('12元元')).toBe(INVALID);
    expect(parseCents('元')).toBe(INVALID);
    expect(parseCents('¥ 1,299.50 元')).toBe(129950);
    expect(findAmountInText('退款 1.5.5元')).toBe(550);
    expect(findAmountInText('共 3 件，¥ 12.50，另 8元')).toBe(1250);
    expect(findAmountInText('先付 8 元，后付 ¥12')).toBe(800);
  });

  it('reads long cells: what is there is found, and junk is refused', () => {
    const spaces = ' '.repeat(20_000);
    expect(parseCents(`59${spaces}x`)).toBe(INVALID);
    expect(parseCents(`59${spaces}元`)).toBe(5900);
    expect(parseQuantity(`2${spaces}件`)).toBe(2);
    expect(parseQuantity(`1${spaces}x件`)).toBe(INVALID);
    expect(findAmountInText(`${'1'.repeat(20_000)}x元`)).toBeNull();
    expect(findAmountInText(`退款${spaces}12.50${spaces}元`)).toBe(1250);
    expect(findAmountInText(`${'1,'.repeat(10_000)}x 退款 ¥ 3`)).toBe(300);
  });
});

describe('ids and text', () => {
  it('strips Excel text guards', () => {
    expect(cleanText('="2900012345678901"')).toBe('2900012345678901');
    expect(cleanText("'13800138000")).toBe('13800138000');
    expect(cleanText('\t251007-607198974342268 ')).toBe('251007-607198974342268');
  });

  it('refuses ids a spreadsheet turned into scientific notation', () => {
    expect(parseId('2.90002E+15')).toBe(INVALID);
    expect(parseId('="2900012345678901"')).toBe('2900012345678901');
  });

  it('hashes content stably and distinctly', () => {
    expect(contentHash('王芳|2025-09-01')).toBe(contentHash('王芳|2025-09-01'));
    expect(contentHash('王芳|2025-09-01')).not.toBe(contentHash('王芳|2025-09-02'));
    expect(contentHash('')).toMatch(/^[0-9a-z]{14}$/);
  });
});

describe('dates', () => {
  it('normalises the formats exports use to shop-local YYYY-MM-DD HH:mm:ss', () => {
    expect(parseDateTime('2025-10-01 10:00:05')).toBe('2025-10-01 10:00:05');
    expect(parseDateTime('2025/10/7 9:05')).toBe('2025-10-07 09:05:00');
    expect(parseDateTime('2025/9/21 14:05:09')).toBe('2025-09-21 14:05:09');
    expect(parseDateTime('2025-09-01')).toBe('2025-09-01 00:00:00');
    expect(parseDateTime('2025-10-07 14:32')).toBe('2025-10-07 14:32:00');
    expect(parseDateTime('="2025-10-01 10:00:05"')).toBe('2025-10-01 10:00:05');
    expect(parseDateTime('')).toBeNull();
  });

  it('converts offsets to the shop time zone', () => {
    expect(parseDateTime('2025-10-07 09:50:26 +0200')).toBe('2025-10-07 15:50:26');
    expect(parseDateTime('2025-10-07 23:29:41 -0700')).toBe('2025-10-08 14:29:41');
    expect(parseDateTime('2025-10-07 09:50:26 +0200', 'Europe/Berlin')).toBe('2025-10-07 09:50:26');
    expect(parseDateTime('2025-10-07T01:50:26Z', 'America/New_York')).toBe('2025-10-06 21:50:26');
    expect(parseDateTime('2025-03-09 07:30:00 +0000', 'America/Los_Angeles')).toBe('2025-03-08 23:30:00');
  });

  it('rejects impossible dates and spreadsheet serial numbers', () => {
    expect(parseDateTime('2024/13/01')).toBe(INVALID);
    expect(parseDateTime('2025-02-29 10:00:00')).toBe(INVALID);
    expect(parseDateTime('2024-02-29 10:00:00')).toBe('2024-02-29 10:00:00');
    expect(parseDateTime('2025-10-01 24:00:00')).toBe(INVALID);
    expect(parseDateTime('45936.4125')).toBe(INVALID);
    expect(parseDateTime('10/07/2025')).toBe(INVALID);
  });
});

describe('status', () => {
  it('maps each platform wording and variants', () => {
    expect(mapStatus('等待买家付款')).toBe('awaiting_payment');
    expect(mapStatus('买家已付款，等待卖家发货')).toBe('paid');
    expect(mapStatus('买家已付款,等待卖家发货')).toBe('paid');
    expect(mapStatus('卖家已发货，等待买家确认')).toBe('shipped');
    expect(mapStatus('交易成功')).toBe('completed');
    expect(mapStatus('交易关闭')).toBe('closed');
    expect(mapStatus('已发货，退款成功')).toBe('closed');
    expect(mapStatus('备货中')).toBe('paid');
    expect(mapStatus('等待确认收货')).toBe('shipped');
    expect(mapStatus('Unpaid')).toBe('awaiting_payment');
    expect(mapStatus('To ship')).toBe('paid');
    expect(mapStatus('待出貨')).toBe('paid');
    expect(mapStatus('不成立')).toBe('closed');
    expect(mapStatus('Return/Refund')).toBe('closed');
    expect(mapStatus('审核中')).toBe('unknown');
  });

  it('ignores the space around slashes, in a long cell too', () => {
    expect(mapStatus('Return / Refund')).toBe('closed');
    expect(mapStatus(' 退貨 /退款 ')).toBe('closed');
    expect(mapStatus(`已发货${' '.repeat(20_000)}/ 待签收`)).toBe('shipped');
    expect(mapStatus(`审核${' '.repeat(20_000)}中`)).toBe('unknown');
  });

  it('derives Shopify status from payment, fulfilment and cancellation', () => {
    expect(shopifyStatus('paid', 'fulfilled', '')).toBe('completed');
    expect(shopifyStatus('paid', '', '')).toBe('paid');
    expect(shopifyStatus('partially_refunded', 'partial', '')).toBe('shipped');
    expect(shopifyStatus('pending', '', '')).toBe('awaiting_payment');
    expect(shopifyStatus('paid', 'fulfilled', '2025-10-09 09:00:00 +0200')).toBe('closed');
    expect(shopifyStatus('voided', '', '')).toBe('closed');
    expect(shopifyStatus('', '', '')).toBe('unknown');
  });
});
