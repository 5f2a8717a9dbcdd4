import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, type Taxonomy } from '../concerns';
import { createSearchIndex, search } from '.';
import { concernTag, concernWords, createMeaningFinder } from './meaning';

const taxonomy = defaultTaxonomy();
const meaning = createMeaningFinder({ taxonomy });
const concerns = (term: string) => meaning(term).map((m) => m.tag.replace('concern:', ''));

describe('what a search term means', () => {
  it('finds the concern in words no answer contains', () => {
    expect(concerns('退款')).toEqual(['return_refund']);
    expect(concerns('退货')).toEqual(['return_refund']);
    expect(concerns('多久到')).toEqual(['shipping']);
    expect(concerns('过敏')).toEqual(['skin_safety']);
    expect(concerns('refund')).toContain('return_refund');
  });

  it('reads a term typed like a buyer question with the concern detector, in the order it raises them', () => {
    const found = meaning('这个退货怎么弄');
    expect(found[0]!.tag).toBe(concernTag('return_refund'));
    expect(found.map((m) => m.tag)).toContain(concernTag('usage'));
    expect(concerns('退貨')).toEqual(['return_refund']);
  });

  it('knows pinyin of the words from three letters on, and leaves two-letter initials to shortcuts', () => {
    expect(concerns('tuihuo')).toEqual(['return_refund']);
    expect(concerns('guomin')).toEqual(['skin_safety']);
    expect(concerns('thh')).toEqual(['return_refund']);
    expect(concerns('th')).toEqual([]);
  });

  it('means nothing for words of no concern', () => {
    expect(concerns('你好')).toEqual([]);
    expect(concerns('   ')).toEqual([]);
  });

  it("takes the supervisor's taxonomy words as synonyms and skips disabled concerns", () => {
    const edited: Taxonomy = structuredClone(taxonomy);
    edited.concerns.find((c) => c.id === 'stock')!.rules['zh-CN']!.keywords.push('尾货');
    expect(concerns('尾货')).toEqual([]);
    expect(createMeaningFinder({ taxonomy: edited })('尾货').map((m) => m.tag)).toEqual([concernTag('stock')]);
    const off: Taxonomy = {
      ...taxonomy,
      concerns: taxonomy.concerns.map((c) => (c.id === 'return_refund' ? { ...c, enabled: false } : c)),
    };
    expect(createMeaningFinder({ taxonomy: off })('七天无理由')).toEqual([]);
    expect(concernWords(off).has('return_refund')).toBe(false);
  });
});

describe('search by meaning', () => {
  const index = createSearchIndex([
    { id: 'returns', fields: ['th', '退换货说明', '收到后七天内可以退换'], tags: [concernTag('return_refund')] },
    { id: 'shipping', fields: ['fh', '发货时间', '下午四点前付款当天发出'], tags: [concernTag('shipping')] },
    { id: 'refund-word', fields: ['tk', '活动说明', '活动结束后不退款差价'] },
  ]);
  const ids = (query: string) => search(index, query, Infinity, { meaning }).map((h) => h.id);

  it('ranks the answer meant above a body that only spells the word', () => {
    expect(ids('退款')).toEqual(['returns', 'refund-word']);
    expect(search(index, '退款', Infinity, { meaning })[0]!.matches[0]).toMatchObject({ kind: 'meaning', field: -1 });
    expect(ids('多久到')).toEqual(['shipping']);
  });

  it('still needs every term, by letters or by meaning', () => {
    expect(ids('退款 七天')).toEqual(['returns']);
    expect(ids('退款 四点')).toEqual([]);
  });

  it('matches tags only through meaning, never by their letters', () => {
    expect(ids('concern')).toEqual([]);
    expect(search(index, '退款').map((h) => h.id)).toEqual(['refund-word']);
  });
});
