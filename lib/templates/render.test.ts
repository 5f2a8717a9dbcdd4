import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTemplateError } from './describe';
import { detectBuyerLanguage } from './language';
import { parseTemplate } from './parse';
import { formatDate } from './format';
import { pickVariant, renderTemplate, renderVariant } from './render';
import { sampleBuyer, sampleContext } from './testing';

function rendered(body: string, ctx = sampleContext()): string {
  const result = renderTemplate(body, ctx);
  if (!result.ok) throw new Error(`render failed: ${JSON.stringify(result.errors)}`);
  return result.text;
}

describe('variables', () => {
  it('fills buyer, coupon, order and shop values', () => {
    expect(rendered('{{buyer.nick}}，您是{{buyer.level}}，享{{buyer.discount}}')).toBe('莉莉小姐，您是VIP2，享9.5折');
    expect(rendered('满{{coupon.threshold}}减{{coupon.amount}}，{{coupon.expires}}到期')).toBe(
      '满150元减20元，7月31日到期',
    );
    expect(rendered('{{order.carrier}} {{order.trackingNo}} · {{shop.name}} · {{agent.name}}')).toBe(
      '顺丰 SF1234567890 · 南风女装 · 小南',
    );
    expect(rendered('{{buyer.daysSinceLastOrder}}天前 {{buyer.lastOrderDate}} {{order.lastItem}}')).toBe(
      '70天前 4月11日 高腰阔腿牛仔裤',
    );
    expect(rendered('{{buyer.firstOrderDate}}')).toBe('2024年3月8日');
  });

  it('writes values the way the buyer language reads them', () => {
    const en = sampleContext({ lang: 'en' });
    expect(
      rendered('{{buyer.discount}}, {{coupon.amount}} off over {{coupon.threshold}}, until {{coupon.expires}}', en),
    ).toBe('5% off, ¥20 off over ¥150, until Jul 31');
    expect(rendered('{{coupon.amount}}', sampleContext({ shop: { name: '小店', currencySymbol: 'NT$' } }))).toBe(
      'NT$20',
    );
    expect(rendered('{{coupon.amount}}', sampleContext({ coupon: { name: '店庆7折', discount: 0.7 } }))).toBe('7折');
    const card = { name: '半年包邮卡', label: '180天包邮卡', durationDays: 180 };
    expect(rendered('{{coupon.label}}，{{coupon.days}}天内包邮', sampleContext({ coupon: card }))).toBe(
      '180天包邮卡，180天内包邮',
    );
    expect(rendered('{{coupon.rate}}', sampleContext({ lang: 'en', coupon: { name: 'x', discount: 0.7 } }))).toBe(
      '30% off',
    );
    expect(
      rendered(
        '{{buyer.stage}}',
        sampleContext({
          lang: 'zh-TW',
          buyer: sampleBuyer({ stage: { id: 'active', daysSinceLastPaid: 3, daysToNextStage: 42 } }),
        }),
      ),
    ).toBe('活躍期');
  });

  it('uses the fallback when a value is missing and says so', () => {
    const result = renderTemplate('{{buyer.nick|亲}}，{{buyer.level|}}您好', sampleContext({ buyer: null }));
    expect(result).toMatchObject({ ok: true, text: '亲，您好', usedFallbacks: ['buyer.nick', 'buyer.level'] });
    // A level without a discount (multiplier 1) counts as no discount.
    const noDiscount = sampleContext({ buyer: sampleBuyer({ level: { id: 'vip0', name: '普通会员', discount: 1 } }) });
    expect(rendered('{{buyer.discount|会员价}}', noDiscount)).toBe('会员价');
  });

  it('names the product the buyer is asking about, and falls back without one', () => {
    const product = { id: '6234567890', title: '羊毛混纺大衣 米白 M' };
    expect(rendered('您问的{{product.title}}（{{product.id}}）有现货', sampleContext({ product }))).toBe(
      '您问的羊毛混纺大衣 米白 M（6234567890）有现货',
    );
    expect(rendered('您问的{{product.title|这款}}有现货', sampleContext({ product: null }))).toBe('您问的这款有现货');
    expect(
      rendered('{{product.id|}}{{product.title}}', sampleContext({ product: { id: null, title: '加绒打底裤' } })),
    ).toBe('加绒打底裤');
    expect(renderTemplate('{{product.title}}', sampleContext()).ok).toBe(false);
  });

  it('lets the agent override a computed value', () => {
    expect(rendered('{{buyer.nick|亲}}', sampleContext({ values: { 'buyer.nick': '莉莉' } }))).toBe('莉莉');
  });

  it('refuses to render a missing value that has no fallback, naming it and where it is', () => {
    const body = '优惠码：{{coupon.code}}';
    const result = renderTemplate(body, sampleContext({ coupon: null }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ code: 'missingValue', name: 'coupon.code', start: 4, end: body.length }]);
    expect(result.preview).toBe('优惠码：【coupon.code】');
    expect(formatTemplateError(result.errors[0]!, 'zh-CN')).toContain('coupon.code');
  });
});

describe('blanks and cursor', () => {
  const body = '建议拿{{ask:建议尺码}}，偏大就选{{ask:建议尺码}}，{{ask:版型}}';

  it('lists each blank once and will not render until all are answered', () => {
    const result = renderTemplate(body, sampleContext({ answers: { 建议尺码: 'M' } }));
    expect(result.ok).toBe(false);
    expect(result.blanks.map((b) => [b.label, b.answered])).toEqual([
      ['建议尺码', true],
      ['版型', false],
    ]);
    if (!result.ok) {
      expect(result.errors.map((e) => [e.code, e.name])).toEqual([['missingAnswer', '版型']]);
      expect(result.preview).toBe('建议拿M，偏大就选M，【版型】');
    }
  });

  it('fills every occurrence of a blank with the same answer', () => {
    expect(rendered(body, sampleContext({ answers: { 建议尺码: 'M', 版型: '偏小一码' } }))).toBe(
      '建议拿M，偏大就选M，偏小一码',
    );
  });

  it('treats a whitespace answer as unanswered', () => {
    expect(renderTemplate('{{ask:尺码}}', sampleContext({ answers: { 尺码: '  ' } })).ok).toBe(false);
  });

  it('removes the cursor marker and reports its offset', () => {
    const result = renderTemplate('{{buyer.nick}}，{{cursor}}祝好', sampleContext());
    expect(result).toMatchObject({ ok: true, text: '莉莉小姐，祝好', cursor: 5 });
    expect(renderTemplate('没有光标', sampleContext())).toMatchObject({ ok: true, cursor: null });
  });
});

describe('parse errors carry positions', () => {
  const cases: [string, string, number, number][] = [
    ['您好{{buyer.nik}}', 'unknownVariable', 2, 15],
    ['abc {{buyer.nick', 'unclosedBraces', 4, 16],
    ['abc }} def', 'strayCloseBraces', 4, 6],
    ['x{{ }}y', 'emptyVariable', 1, 6],
    ['x{{|亲}}', 'emptyVariable', 1, 7],
    ['{{buyer.{{nick}}}}', 'nestedBraces', 8, 10],
    ['a{{{buyer.nick}}', 'strayBrace', 3, 4],
    ['{{buyer.nick}}}', 'strayBrace', 14, 15],
    ['{{buyer.nick|{}}', 'strayBrace', 13, 14],
    ['{{ask: }}', 'emptyBlank', 0, 9],
    ['{{cursor}}a{{cursor}}', 'duplicateCursor', 11, 21],
  ];
  it.each(cases)('%s → %s', (body, code, start, end) => {
    const { errors } = parseTemplate(body);
    expect(errors[0]).toMatchObject({ code, start, end });
    expect(renderTemplate(body, sampleContext()).ok).toBe(false);
  });

  it('suggests the closest known variable', () => {
    const [error] = parseTemplate('{{buyer.nik}}').errors;
    expect(error?.suggestion).toBe('buyer.nick');
    expect(formatTemplateError(error!, 'en')).toBe('Unknown variable buyer.nik; did you mean buyer.nick?');
  });

  it('accepts spaces and full-width separators inside braces', () => {
    expect(
      rendered('{{ buyer.nick ｜ 亲 }}+{{ask：尺码}}', sampleContext({ buyer: null, answers: { 尺码: 'L' } })),
    ).toBe('亲+L');
  });
});

describe('render never leaks template syntax', () => {
  // Whole constructs as well as loose braces and words, so braces often touch constructs.
  const pieces = [
    '{',
    '}',
    '{{',
    '}}',
    '|',
    'a',
    '亲',
    'buyer.nick',
    'ask:',
    'cursor',
    '{{cursor}}',
    '{{buyer.nick|}}',
    '{{buyer.nick}}',
    '{{coupon.code|码}}',
    '{{ask:尺码}}',
    '{{ask:}}',
    '{{buyer.nik}}',
  ];
  const bodies = fc.array(fc.constantFrom(...pieces), { maxLength: 10 }).map((parts) => parts.join(''));

  it('returns complete text without {{ or }}, or errors', () => {
    fc.assert(
      fc.property(bodies, fc.boolean(), (body, withBuyer) => {
        const parsed = parseTemplate(body);
        const answers = Object.fromEntries(parsed.blanks.map((b) => [b.label, '答']));
        const result = renderTemplate(
          body,
          sampleContext({ answers, ...(withBuyer ? {} : { buyer: null, coupon: null }) }),
        );
        if (result.ok) {
          expect(result.text).not.toContain('{{');
          expect(result.text).not.toContain('}}');
          if (result.cursor !== null) expect(result.cursor).toBeLessThanOrEqual(result.text.length);
        } else {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) expect(e.start >= 0 && e.start <= e.end && e.end <= body.length).toBe(true);
          if (result.preview !== null) expect(result.preview).not.toMatch(/\{\{|\}\}/);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('holds for arbitrary strings too', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (body) => {
        const result = renderTemplate(body, sampleContext());
        if (result.ok) expect(result.text).not.toMatch(/\{\{|\}\}/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('variants and buyer language', () => {
  const template = { variants: { 'zh-CN': '您好', en: 'Hello' } };

  it('picks the buyer language, falling back to zh-CN and flagging English gaps', () => {
    expect(pickVariant(template, 'en')).toEqual({
      lang: 'en',
      body: 'Hello',
      fellBack: false,
      needsTranslation: false,
    });
    expect(pickVariant(template, 'zh-TW')).toEqual({
      lang: 'zh-CN',
      body: '您好',
      fellBack: true,
      needsTranslation: false,
    });
    expect(pickVariant({ variants: { 'zh-CN': '您好' } }, 'en')).toMatchObject({
      lang: 'zh-CN',
      needsTranslation: true,
    });
  });

  it('renders a fallback variant in its own language', () => {
    const zhOnly = { variants: { 'zh-CN': '{{coupon.expires}}前有效' } };
    const { variant, result } = renderVariant(zhOnly, sampleContext({ lang: 'en' }));
    expect(variant.needsTranslation).toBe(true);
    expect(result).toMatchObject({ ok: true, text: '7月31日前有效' });
    expect(
      renderVariant(
        { variants: { 'zh-CN': '{{coupon.expires}}', en: 'until {{coupon.expires}}' } },
        sampleContext({ lang: 'en' }),
      ).result,
    ).toMatchObject({ text: 'until Jul 31' });
  });

  it('detects the language from the buyer messages', () => {
    expect(detectBuyerLanguage(['Hi, is this still in stock?', 'size M please'])).toBe('en');
    expect(detectBuyerLanguage(['請問這件還有貨嗎？', '謝謝'])).toBe('zh-TW');
    expect(detectBuyerLanguage(['请问这件还有货吗？'])).toBe('zh-CN');
    expect(detectBuyerLanguage(['ok', '尺碼怎麼選'])).toBe('zh-TW');
    expect(detectBuyerLanguage(['👍', '123'])).toBe('zh-CN');
    expect(detectBuyerLanguage([])).toBe('zh-CN');
  });
});

describe('Thai, Vietnamese and Malay/Indonesian buyers (Shopee Southeast Asia)', () => {
  const template = {
    variants: {
      'zh-CN': '{{buyer.nick|亲}}，会员价{{buyer.discount}}，{{coupon.expires}}前有效',
      en: 'Hi {{buyer.nick|there}}, member price {{buyer.discount}}, valid until {{coupon.expires}}',
      th: 'สวัสดีค่ะ {{buyer.nick|คุณลูกค้า}} ราคาสมาชิก {{buyer.discount}} ใช้ได้ถึง {{coupon.expires}}',
      vi: 'Chào {{buyer.nick|bạn}}, giá thành viên {{buyer.discount}}, hạn dùng đến {{coupon.expires}}',
      ms: 'Hai {{buyer.nick|kak}}, harga ahli {{buyer.discount}}, sah sehingga {{coupon.expires}}',
    },
  };
  const cases = [
    { lang: 'th', chat: ['สวัสดีค่ะ ตัวนี้มีไซส์ M ไหมคะ', 'ส่งกี่วันถึง'], text: 'สวัสดีค่ะ 莉莉小姐 ราคาสมาชิก ลด 5% ใช้ได้ถึง 31/7' },
    {
      lang: 'vi',
      chat: ['Shop ơi, áo này còn size M không ạ?', 'Bao lâu thì giao hàng?'],
      text: 'Chào 莉莉小姐, giá thành viên giảm 5%, hạn dùng đến 31/7',
    },
    {
      lang: 'ms',
      chat: ['Hai kak, barang ini ada saiz M tak?', 'Berapa hari sampai?'],
      text: 'Hai 莉莉小姐, harga ahli potongan 5%, sah sehingga 31/7',
    },
  ] as const;

  for (const c of cases) {
    it(`${c.lang}: detected from the buyer's chat, its own variant inserted, with its own dates and discounts`, () => {
      const lang = detectBuyerLanguage([...c.chat]);
      expect(lang).toBe(c.lang);
      const { variant, result } = renderVariant(template, sampleContext({ lang }));
      expect(variant).toMatchObject({ lang: c.lang, fellBack: false, needsTranslation: false });
      expect(result).toMatchObject({ ok: true, text: c.text });
    });

    it(`${c.lang}: without its variant the buyer gets English, else Simplified Chinese, and the agent is warned`, () => {
      const { [c.lang]: _own, ...noOwn } = template.variants;
      void _own;
      expect(pickVariant({ variants: noOwn }, c.lang)).toMatchObject({
        lang: 'en',
        fellBack: true,
        needsTranslation: true,
      });
      expect(pickVariant({ variants: { 'zh-CN': '您好' } }, c.lang)).toMatchObject({
        lang: 'zh-CN',
        fellBack: true,
        needsTranslation: true,
      });
    });
  }

  it('tells Vietnamese typed without tone marks and Indonesian from English', () => {
    expect(detectBuyerLanguage(['shop oi con size M khong', 'bao nhieu tien'])).toBe('vi');
    expect(detectBuyerLanguage(['Kak, barangnya ready? Kapan dikirim?', 'bisa COD gak'])).toBe('ms');
    expect(detectBuyerLanguage(['Is this available in size M?', 'how long is shipping to KL'])).toBe('en');
    // A Chinese buyer who pastes a Thai product name still gets Chinese.
    expect(detectBuyerLanguage(['这个 ครีม 还有货吗，什么时候发货'])).toBe('zh-CN');
  });

  it('writes dates day first in Thai, Vietnamese and Malay, with the year only when it is not this year', () => {
    expect(formatDate('2024-03-05', 'vi', '2025-06-20')).toBe('5/3/2024');
    expect(formatDate('2025-03-05', 'th', '2025-06-20')).toBe('5/3');
  });
});
