import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTaxonomy } from './compile';
import { DEFAULT_CONCERN_IDS, defaultTaxonomy } from './defaults/index';
import { detect } from './detect';
import { parseTaxonomy, TaxonomySchema, type Taxonomy, type TaxonomyInput } from './taxonomy';

const ids = (text: string, taxonomy: Taxonomy) => detect(text, compileTaxonomy(taxonomy)).map((d) => d.concern);

/** A copy of the default taxonomy with one concern's rules changed, as a supervisor would save it. */
function edited(change: (input: TaxonomyInput) => void): Taxonomy {
  const input = structuredClone(defaultTaxonomy()) as TaxonomyInput;
  change(input);
  return TaxonomySchema.parse(input);
}

const concern = (input: TaxonomyInput, id: string) => input.concerns.find((c) => c.id === id)!;

describe('default taxonomy', () => {
  it('has exactly the agreed concern ids, each named in three languages with rules in each', () => {
    const taxonomy = defaultTaxonomy();
    expect(taxonomy.concerns.map((c) => c.id)).toEqual([...DEFAULT_CONCERN_IDS]);
    for (const c of taxonomy.concerns) {
      expect(c.names['zh-CN'] && c.names['zh-TW'] && c.names.en).toBeTruthy();
      for (const lang of ['zh-CN', 'zh-TW', 'en'] as const)
        expect(c.rules[lang]?.keywords.length, `${c.id} ${lang}`).toBeGreaterThan(0);
    }
  });

  it('survives a JSON round trip (it is stored and exported as JSON)', () => {
    const taxonomy = defaultTaxonomy();
    const again = parseTaxonomy(JSON.parse(JSON.stringify(taxonomy)));
    expect(again.success && again.data).toEqual(taxonomy);
  });
});

describe('validation', () => {
  const issues = (input: unknown) => {
    const result = parseTaxonomy(input);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };
  const withRules = (rules: unknown) => ({
    version: 1,
    concerns: [{ id: 'gift', names: { 'zh-CN': '礼品', 'zh-TW': '禮品', en: 'Gift' }, rules: { 'zh-CN': rules } }],
  });

  it('rejects duplicate ids and bad ids with catalogue keys', () => {
    const twice = { version: 1, concerns: [withRules({}).concerns[0], withRules({}).concerns[0]] };
    expect(issues(twice)).toContain('concern_duplicateId');
    expect(issues({ version: 1, concerns: [{ ...withRules({}).concerns[0], id: 'Gift Wrap' }] })).toContain(
      'concern_badId',
    );
  });

  it.each([
    ['*礼物', 'concern_patternWildcardEdge'],
    ['礼物*', 'concern_patternWildcardEdge'],
    ['礼**物', 'concern_patternEmptyPart'],
    ['a*b*c*d*e', 'concern_patternTooManyWildcards'],
    ['礼'.repeat(41), 'concern_termTooLong'],
  ])('rejects pattern %s', (pattern, key) => {
    expect(issues(withRules({ patterns: [pattern] }))).toContain(key);
  });

  it('treats regular-expression syntax as plain text', () => {
    const taxonomy = TaxonomySchema.parse(withRules({ keywords: ['(a+)+$', '.*'], patterns: ['[礼*物]'] }));
    const matcher = compileTaxonomy(taxonomy);
    expect(detect('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', matcher)).toEqual([]);
    expect(detect('anything at all', matcher)).toEqual([]);
    expect(detect('包装 (a+)+$ 吗', matcher).map((d) => d.concern)).toEqual(['gift']);
  });
});

describe('supervisor edits', () => {
  it('a keyword added by a supervisor takes effect', () => {
    // A tea shop's word for a quality its buyers ask about.
    const text = '这个茶回甘吗';
    expect(ids(text, defaultTaxonomy())).not.toContain('quality');
    const taxonomy = edited((t) => concern(t, 'quality').rules!['zh-CN']!.keywords!.push('回甘'));
    expect(ids(text, taxonomy)).toContain('quality');
  });

  it('a new concern works in every language it has rules for', () => {
    const taxonomy = edited((t) =>
      t.concerns.push({
        id: 'gift_wrap',
        names: { 'zh-CN': '礼品包装', 'zh-TW': '禮品包裝', en: 'Gift wrap' },
        rules: {
          'zh-CN': { keywords: ['礼品包装'], patterns: ['能不能*包装'] },
          'zh-TW': { keywords: ['送禮'] },
          en: { phrases: ['gift wrap'] },
        },
      }),
    );
    expect(ids('能不能帮我包装一下', taxonomy)).toContain('gift_wrap');
    expect(ids('要送禮的', taxonomy)).toContain('gift_wrap');
    expect(ids('Can you gift-wrap it?', taxonomy)).toContain('gift_wrap');
    expect(ids('Could you add gift wrapping', taxonomy)).toContain('gift_wrap');
  });

  it('a pattern gap spans at most six characters and never a sentence end', () => {
    const taxonomy = edited((t) => concern(t, 'price').rules!['zh-CN']!.patterns!.push('能*包装'));
    const has = (text: string) => ids(text, taxonomy).includes('price');
    expect(has('能帮我包装')).toBe(true);
    expect(has('能不能帮我单独包装')).toBe(true);
    expect(has('能不能帮我们这边的单独包装')).toBe(false);
    expect(has('能吗？包装')).toBe(false);
  });

  it('disabling a concern silences it', () => {
    const taxonomy = edited((t) => (concern(t, 'invoice').enabled = false));
    expect(ids('能开发票吗', taxonomy)).toEqual([]);
  });

  it('an exclusion cancels the hits it overlaps', () => {
    const text = '快递盒子能不能寄回给你们';
    expect(ids(text, defaultTaxonomy())).toContain('shipping');
    const taxonomy = edited((t) => concern(t, 'shipping').rules!['zh-CN']!.exclusions!.push('快递盒'));
    expect(ids(text, taxonomy)).not.toContain('shipping');
  });

  it('weights below the minimum score need company', () => {
    const taxonomy = edited((t) => {
      t.minScore = 1;
      concern(t, 'stock').rules = {
        'zh-CN': {
          keywords: [
            { text: '还有', weight: 0.5 },
            { text: '黑色', weight: 0.5 },
          ],
        },
      };
    });
    // The rules alone: the learned model knows "还有吗" is about stock whatever the rules say.
    const rules = (text: string) => detect(text, compileTaxonomy(taxonomy, { model: null })).map((d) => d.concern);
    expect(rules('还有吗')).not.toContain('stock');
    expect(rules('黑色还有吗')).toContain('stock');
  });

  it('a disabled or zero-weight concern is not found by the learned model either', () => {
    const text = '穿M会不会太紧 我腰有点粗';
    expect(ids(text, defaultTaxonomy())).toContain('size');
    expect(
      ids(
        text,
        edited((t) => (concern(t, 'size').enabled = false)),
      ),
    ).not.toContain('size');
    expect(
      ids(
        text,
        edited((t) => (concern(t, 'size').weight = 0)),
      ),
    ).not.toContain('size');
  });
});

describe('robustness', () => {
  it('never throws and keeps spans inside the text, for any taxonomy terms and any message', () => {
    const term = fc.string({
      minLength: 1,
      maxLength: 12,
      unit: fc.constantFrom('a', 'b', '尺', '码', '*', ' ', '?', '(', '\\', '吗', '.', 'é'),
    });
    fc.assert(
      fc.property(
        fc.array(term, { maxLength: 6 }),
        fc.array(term, { maxLength: 4 }),
        fc.string({ maxLength: 60, unit: 'grapheme' }),
        (keywords, patterns, text) => {
          const parsed = parseTaxonomy({
            version: 1,
            concerns: [
              {
                id: 'x',
                names: { 'zh-CN': 'x', 'zh-TW': 'x', en: 'x' },
                rules: { 'zh-CN': { keywords, patterns }, en: { keywords } },
              },
            ],
          });
          if (!parsed.success) return;
          for (const d of detect(text, compileTaxonomy(parsed.data))) {
            expect(d.span[0]).toBeGreaterThanOrEqual(0);
            expect(d.span[1]).toBeLessThanOrEqual(text.length);
            expect(d.span[0]).toBeLessThan(d.span[1]);
          }
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});
