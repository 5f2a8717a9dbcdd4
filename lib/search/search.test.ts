import { describe, expect, it } from 'vitest';
import { createSearchIndex, search } from '.';

const items = [
  { id: 'size', fields: ['cm', '尺码推荐', '亲，这款版型偏小，建议拿大一码'] },
  { id: 'quality', fields: ['zl', '质量说明', '每一批上架前都会抽检'] },
  { id: 'important', fields: ['zy', '重要通知', '店铺放假安排'] },
  { id: 'green', fields: ['ls', '绿色款到货', 'green is back'] },
  { id: 'shipping', fields: ['fh', 'Shipping notice', 'Your parcel is on its way'] },
  { id: 'vip', fields: ['hyj', '会员价', 'VIP2 尺码 专享'] },
];
const index = createSearchIndex(items, { fields: [{ weight: 4 }, { weight: 3 }, { weight: 1, minPinyinTerm: 3 }] });
const ids = (query: string) => search(index, query).map((hit) => hit.id);

describe('search', () => {
  it('finds plain substrings, best field first', () => {
    expect(ids('尺码')).toEqual(['size', 'vip']);
    expect(ids('抽检')).toEqual(['quality']);
    expect(ids('parcel')).toEqual(['shipping']);
  });

  it('finds Chinese by pinyin initials', () => {
    expect(ids('cm')[0]).toBe('size');
    expect(ids('zlsm')).toEqual(['quality']);
    const [hit] = search(index, 'cmtj');
    expect(hit).toMatchObject({ id: 'size', matches: [{ field: 1, kind: 'initials', start: 0, end: 4 }] });
  });

  it('finds Chinese by full or partly typed pinyin', () => {
    expect(ids('chima')[0]).toBe('size');
    expect(ids('chim')[0]).toBe('size');
    expect(search(index, 'chima').find((h) => h.id === 'size')!.matches[0]!.kind).toBe('pinyin');
    expect(ids('zhiliang')).toEqual(['quality']);
  });

  it('accepts every reading of a polyphonic character and ü typed as v or u', () => {
    expect(ids('zhongyao')).toContain('important');
    expect(ids('chongyao')).toContain('important');
    expect(ids('lvse')).toContain('green');
    expect(ids('luse')).toContain('green');
  });

  it('tolerates one typo in latin terms of three letters or more', () => {
    expect(ids('shiping')).toEqual(['shipping']);
    expect(ids('parcle')).toEqual(['shipping']);
    expect(ids('chmia')).toContain('size');
    // Two letters are too short to guess from.
    expect(ids('sx')).toEqual([]);
  });

  it('adds typo matches only while exact matches are scarce', () => {
    const few = createSearchIndex([
      { id: 'sine', fields: ['sine wave'] },
      ...Array.from({ length: 2 }, (_, i) => ({ id: `size${i}`, fields: [`size ${i}`] })),
    ]);
    expect(search(few, 'size').map((h) => h.id)).toEqual(['size0', 'size1', 'sine']);
    const many = createSearchIndex([
      { id: 'sine', fields: ['sine wave'] },
      ...Array.from({ length: 12 }, (_, i) => ({ id: `size${i}`, fields: [`size ${i}`] })),
    ]);
    expect(search(many, 'size').map((h) => h.id)).not.toContain('sine');
  });

  it('tolerates one missing or wrong character in Chinese terms of three or more', () => {
    expect(ids('尺马推荐')).toEqual(['size']);
    expect(ids('尺推荐')).toEqual(['size']);
    expect(ids('尺马')).toEqual([]);
  });

  it('needs every term to match and ranks exact shortcuts above body hits', () => {
    expect(ids('尺码 vip')).toEqual(['vip']);
    expect(ids('hyj')[0]).toBe('vip');
    const [top] = search(index, 'zl');
    expect(top).toMatchObject({ id: 'quality', matches: [{ field: 0, kind: 'exact' }] });
  });

  it('ignores short pinyin in long low-weight fields', () => {
    // 拿大 reads "nd" in the size body, but two letters match too much of any long text.
    expect(ids('nd')).toEqual([]);
  });

  it('normalises case and full-width letters', () => {
    expect(ids('ＣＭ')[0]).toBe('size');
    expect(ids('SHIPPING')).toEqual(['shipping']);
    expect(ids('   ')).toEqual([]);
  });
});
