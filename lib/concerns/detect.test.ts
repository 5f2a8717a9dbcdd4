import { describe, expect, it } from 'vitest';
import { compileTaxonomy } from './compile';
import { defaultTaxonomy } from './defaults/index';
import { detect, detectConcerns } from './detect';

const taxonomy = defaultTaxonomy();
const matcher = compileTaxonomy(taxonomy);
const ids = (text: string) =>
  detect(text, matcher)
    .map((d) => d.concern)
    .sort();
const find = (text: string, id: string) => detect(text, matcher).find((d) => d.concern === id);

describe('negation and closing statements', () => {
  it.each([
    ['不会是假的吧', 'authenticity'],
    ['不是正品吧', 'authenticity'],
    ['不会偏大吧？', 'size'],
    ['没有色差吧', 'photo_match'],
    ["it's not fake, right?", 'authenticity'],
    ['no need for invoice?', 'invoice'],
  ])('keeps doubts and questions: %s', (text, id) => {
    expect(ids(text)).toContain(id);
  });

  it.each([
    '尺码不用问了',
    '发票不用开了，谢谢',
    '不需要发票',
    '发票，不用了',
    'no need for invoice',
    "I don't need a receipt",
    '退货的事已经解决了',
    '尺码很合适，下次还来',
    '优惠券已经用上了，谢谢提醒',
  ])('drops a topic the buyer closes: %s', (text) => {
    expect(ids(text)).toEqual([]);
  });

  it('closes only the clause that says so', () => {
    expect(ids('发票不用了，什么时候发货')).toEqual(['shipping']);
    expect(ids('no need for an invoice, but when will you ship?')).toEqual(['shipping']);
    expect(ids('尺码不用问了 有货吗')).toEqual(['stock']);
  });

  it('counts complaints that merely contain a negation', () => {
    expect(ids('没有发票')).toEqual(['invoice']);
    expect(ids('快递还没到')).toEqual(['shipping']);
    expect(ids('质量不是很满意')).toEqual(['quality']);
  });
});

describe('messages without a concern', () => {
  it.each([
    '你好',
    '在吗在吗',
    '亲，在吗？？',
    '谢谢亲😊',
    '好的，收到',
    '哈囉，謝謝你',
    'Hi!',
    'thanks so much 🙏',
    'ok 👍',
    '早上好～',
    '👍👍👍',
    '放假的时候再来看看',
  ])('%s', (text) => {
    expect(ids(text)).toEqual([]);
  });
});

describe("the rules' words for a third writer's buyers (dev-w4)", () => {
  // The rules alone, so the model cannot hide a rule's false alarm or gap.
  const rules = compileTaxonomy(taxonomy, { model: null });
  const ruleIds = (text: string) =>
    detect(text, rules)
      .map((d) => d.concern)
      .sort();

  it.each([
    ['降价了，能给我退差价吗', 'return_refund', 'price'],
    ['直播间今晚几点开播', 'usage', null],
    ['on a tight budget, any voucher?', 'size', 'price'],
    ['这张桌子折起来放得下后备箱吗', 'price', 'size'],
    ['户外活动的时候能穿吗', 'price', null],
  ])('%s is not read as %s', (text, not, concern) => {
    if (concern) expect(ruleIds(text)).toContain(concern);
    expect(ruleIds(text)).not.toContain(not);
  });

  it.each([
    ['头灯续航能有几个小时', 'quality'],
    ['这耳机音质怎么样', 'quality'],
    ['书会不会缺页', 'quality'],
    ['插座插上就冒火花', 'after_sales'],
    ['盘子收到就有个缺口', 'after_sales'],
    ['滴剂多久用一次', 'usage'],
    ['第一次用要注意什么', 'usage'],
  ])('finds %s as %s', (text, concern) => {
    expect(ruleIds(text)).toContain(concern);
  });

  it('reads battery life as quality, not how to use', () => {
    expect(ruleIds('续航多久')).toEqual(['quality']);
  });
});

describe('Traditional Chinese', () => {
  it.each([
    ['這件會不會偏大？', 'size'],
    ['請問是正品嗎', 'authenticity'],
    ['可以開發票嗎', 'invoice'],
    ['什麼時候出貨', 'shipping'],
    ['敏感肌可以用嗎', 'skin_safety'],
    ['寶寶可以用嗎', 'baby_safety'],
    ['七天鑑賞期可以退嗎', 'return_refund'],
    ['我要打統編', 'invoice'],
  ])('%s → %s', (text, id) => {
    expect(ids(text)).toContain(id);
  });

  it('reports spans in the original Traditional text', () => {
    const text = '請問還有貨嗎';
    const d = find(text, 'stock')!;
    expect(text.slice(...d.span)).toMatch(/有貨$/);
  });
});

describe('typos', () => {
  it.each([
    ['尺吗怎么选', 'size', '尺吗'],
    ['尺马标准吗', 'size', '尺马'],
    ['正评吗亲', 'authenticity', '正评'],
    ['领卷在哪里', 'price', '领卷'],
    ['我要个发漂', 'invoice', '发漂'],
  ])('%s → %s', (text, id, typo) => {
    const d = find(text, id)!;
    expect(d).toBeDefined();
    expect(d.rule).toContain(typo);
    expect(text.slice(...d.span)).toContain(typo);
  });

  it('scores a typo below the correctly spelled word', () => {
    expect(find('尺吗偏大吗', 'size')!.score).toBeLessThan(find('尺码偏大吗', 'size')!.score);
  });

  it.each([
    ['how long is the warrenty', 'after_sales'],
    ['refnd status?', 'return_refund'],
    ['invoce pls', 'invoice'],
    ['is it autentic', 'authenticity'],
    ['is it in stokc?', 'stock'],
  ])('forgives one wrong letter in longer English words: %s', (text, id) => {
    expect(ids(text)).toContain(id);
  });

  it('does not read everyday words as typos, nor correct short words', () => {
    expect(ids('my parcel is stuck')).not.toContain('stock');
    expect(ids('sizd')).toEqual([]);
  });
});

describe('English', () => {
  it('ignores case and folds plurals and verb endings', () => {
    expect(ids('WHEN WILL YOU SHIP')).toEqual(['shipping']);
    expect(ids('any coupons?')).toEqual(['price']);
    expect(ids('has it shipped yet')).toEqual(['shipping']);
    expect(ids('it was refunded twice')).toEqual(['return_refund']);
  });

  it('matches whole words only', () => {
    expect(ids('what a relationship')).toEqual([]);
    expect(ids('membership perks')).toEqual([]);
    expect(ids('Is this true to size')).toEqual(['size']);
  });

  it('finds several concerns in one message', () => {
    expect(ids('Is it genuine? Any discount? When do you ship?')).toEqual(['authenticity', 'price', 'shipping']);
  });
});

describe('normalisation', () => {
  it('handles full-width letters, repeated punctuation, emoji and spaced-out Chinese', () => {
    expect(ids('ＳＩＺＥ？？？')).toEqual(['size']);
    expect(ids('有货吗？？？！！！')).toEqual(['stock']);
    expect(ids('尺 码 偏 大 吗')).toEqual(['size']);
    expect(ids('😂😂能便宜点吗😂')).toEqual(['price']);
  });

  it('maps spans back over emoji, zero-width and full-width characters', () => {
    for (const text of ['😊😊尺码偏大吗', '尺\u200b码偏大吗', '👨‍👩‍👧 亲，尺码准吗', '\u202e尺码\u202c准吗']) {
      const d = find(text, 'size')!;
      const matched = text.slice(...d.span).replace(/[\u200b\u202c\u202e]/g, '');
      expect(matched, text).toBe('尺码');
    }
  });

  it('uses a surrogate-safe span for astral text', () => {
    const text = '𠮷𠮷 is it in stock?';
    const d = find(text, 'stock')!;
    expect(text.slice(...d.span)).toBe('in stock');
  });
});

describe('edge inputs', () => {
  it.each([
    '',
    ' ',
    '\n\n',
    '\u0000',
    '\ud800',
    '\udfff尺码\ud800',
    '\u200b\u200c\u200d\ufeff',
    '\u202e\u2066\u2069',
    '?'.repeat(1000),
    '*'.repeat(50),
  ])('never throws: %j', (text) => {
    const found = detect(text, matcher);
    for (const d of found) {
      expect(d.span[0]).toBeGreaterThanOrEqual(0);
      expect(d.span[1]).toBeLessThanOrEqual(text.length);
      expect(d.span[0]).toBeLessThan(d.span[1]);
    }
  });

  it('still finds a concern between lone surrogates', () => {
    expect(ids('\udfff尺码\ud800')).toEqual(['size']);
  });

  it('is deterministic', () => {
    const text = '165穿什么码？有色差吗？能便宜点吗？什么时候发货';
    expect(detect(text, matcher)).toEqual(detect(text, matcher));
  });

  // How the time grows from 10 KB to 100 KB is printed by `npm run bench:domain`.
  it('reads a long, repetitive message whole, finding what its first tenth has', () => {
    const inputs = [
      '穿'.repeat(50_000),
      '尺码'.repeat(25_000),
      'size fits '.repeat(10_000),
      'abcdefgh '.repeat(11_000),
      '😀'.repeat(50_000),
    ];
    for (const big of inputs) {
      const small = big.slice(0, big.length / 10);
      expect(ids(big), big.slice(0, 12)).toEqual(ids(small));
    }
    expect(ids('尺码'.repeat(25_000))).toEqual(['size']);
  });
});

describe('the convenience wrapper', () => {
  it('compiles once per taxonomy and agrees with detect()', () => {
    const text = '是正品吗？几天能到';
    expect(detectConcerns(text, taxonomy)).toEqual(detect(text, matcher));
  });
});

describe("false alarms from issue 23's review (dev-w5-review)", () => {
  const rules = compileTaxonomy(taxonomy, { model: null });
  const both = [
    ['rules and model', matcher],
    ['rules alone', rules],
  ] as const;
  const of = (m: typeof matcher, text: string) =>
    detect(text, m)
      .map((d) => d.concern)
      .sort();

  it.each(both)('a colour or smell that is "too big" is not a size (%s)', (_, m) => {
    expect(of(m, '色差也太大了吧')).toEqual(['photo_match']);
    expect(of(m, '颜色跟图片差别有点大')).toEqual(['photo_match']);
    expect(of(m, '这个包味道有点大')).toEqual(['quality']);
    expect(of(m, '鞋子有点大，能换小一码吗')).toEqual(['return_refund', 'size']);
  });

  it.each(both)(
    'a low price as praise or as the reason for a doubt is not a price concern; asking for one is (%s)',
    (_, m) => {
      expect(of(m, '这么便宜，质量好吗')).toEqual(['quality']);
      expect(of(m, '这么便宜是正品吗')).toEqual(['authenticity']);
      expect(of(m, '便宜又好看')).toEqual([]);
      expect(of(m, '好便宜啊')).toEqual([]);
      expect(of(m, '能便宜吗，是正品吗')).toEqual(['authenticity', 'price']);
      expect(of(m, '还能再便宜点吗')).toEqual(['price']);
    },
  );

  it.each(both)(
    'thanks for a parcel or a resend that came raises nothing; a question or a complaint after it does (%s)',
    (_, m) => {
      expect(of(m, '快递到了谢谢')).toEqual([]);
      expect(of(m, '快递到了，谢谢')).toEqual([]);
      expect(of(m, '收到了，谢谢')).toEqual([]);
      expect(of(m, '收到补发的了 谢谢')).toEqual([]);
      expect(of(m, '快递到了吗')).toEqual(['shipping']);
      expect(of(m, '还没收到快递')).toEqual(['shipping']);
      expect(of(m, '快递到了，屏幕碎了')).toEqual(['after_sales']);
    },
  );

  it.each(both)('an exchange is return_refund; a replacement for a fault is after_sales (%s)', (_, m) => {
    expect(of(m, '能换个颜色吗')).toEqual(['return_refund']);
    expect(of(m, '想换个颜色，怎么操作')).toEqual(['return_refund']);
    expect(of(m, '坏了能换一个吗')).toEqual(['after_sales']);
    expect(of(m, '耳机一边没声 能换吗')).toEqual(['after_sales']);
    expect(of(m, '尺码小了 能换吗')).toEqual(['return_refund', 'size']);
  });

  it.each(both)(
    '"not shipped yet" said to cancel is the cancellation; said as a complaint it stays a shipping concern (%s)',
    (_, m) => {
      expect(of(m, '订单还没发货 帮我取消一下')).toEqual(['return_refund']);
      expect(of(m, '还没发货的话能取消吗')).toEqual(['return_refund']);
      expect(of(m, '都一周了还没发货，给我退款')).toEqual(['return_refund', 'shipping']);
    },
  );
});
