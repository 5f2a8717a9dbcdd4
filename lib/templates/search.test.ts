import { describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../concerns';
import { createMeaningFinder } from '../search/meaning';
import { defaultTemplates } from './library';
import type { Template } from './schema';
import { createTemplateSearchIndex, maskTemplateSyntax, searchTemplates } from './search';

const library = defaultTemplates();
const index = createTemplateSearchIndex(library);
const top = (query: string) => searchTemplates(index, query)[0]?.id;

describe('template search', () => {
  it('finds the size answer from its shortcut, with or without the slash', () => {
    expect(top('cm')).toBe('builtin.concern.size');
    expect(top('/cm')).toBe('builtin.concern.size');
    expect(top('fp')).toBe('builtin.concern.invoice');
  });

  it('finds templates by title pinyin and by words in any language variant', () => {
    expect(top('chima')).toBe('builtin.concern.size');
    expect(top('fapiao')).toBe('builtin.concern.invoice');
    expect(top('催付')).toMatch(/^builtin\.unpaid\./);
    expect(top('生日')).toBe('builtin.greeting.birthday');
    expect(top('warranty')).toBe('builtin.concern.after_sales');
    expect(top('保固')).toBe('builtin.concern.after_sales');
  });

  it('forgives a typo', () => {
    expect(top('chmia')).toBe('builtin.concern.size');
    expect(top('warrenty')).toBe('builtin.concern.after_sales');
    expect(top('birthdya')).toBe('builtin.greeting.birthday');
  });

  it('does not match template syntax, only what the buyer would read and blank labels', () => {
    expect(searchTemplates(index, 'buyer.nick')).toEqual([]);
    expect(top('建议尺码')).toBe('builtin.concern.size');
    expect(maskTemplateSyntax('亲{{buyer.nick}}，拿{{ask:尺码}}')).toBe('亲              ，拿      尺码  ');
  });

  it('leaves deleted templates out', () => {
    const deleted = library.map((t) => (t.id === 'builtin.concern.size' ? { ...t, deletedAt: 1 } : t));
    expect(searchTemplates(createTemplateSearchIndex(deleted), 'cm')[0]?.id).not.toBe('builtin.concern.size');
  });

  // How long indexing and a query take is printed by `npm run bench:domain`.
  it('indexes and searches 2,000 templates', () => {
    const many: Template[] = [];
    for (let i = 0; many.length < 2000; i++) {
      for (const t of library)
        many.push({ ...t, id: `${t.id}.${i}`, title: `${t.title}${i}`, shortcut: `${t.shortcut}${i}` });
    }
    const big = createTemplateSearchIndex(many.slice(0, 2000));
    expect(searchTemplates(big, 'cm')[0]!.id.startsWith('builtin.concern.size')).toBe(true);
    expect(searchTemplates(big, 'fapiao')[0]!.id.startsWith('builtin.concern.invoice')).toBe(true);
  });
});

describe('template search by meaning', () => {
  const meaning = createMeaningFinder({ taxonomy: defaultTaxonomy() });
  const first = (query: string) => searchTemplates(index, query, 5, { meaning })[0]?.id;

  it('finds the answer to what the agent means', () => {
    expect(first('退款')).toBe('builtin.concern.return_refund');
    expect(first('退货')).toBe('builtin.concern.return_refund');
    expect(first('多久到')).toBe('builtin.concern.shipping');
    expect(first('过敏')).toBe('builtin.concern.skin_safety');
    expect(first('这个退货怎么弄')).toBe('builtin.concern.return_refund');
  });

  it('keeps shortcuts, pinyin and initials first where they match', () => {
    expect(first('cm')).toBe('builtin.concern.size');
    expect(first('fapiao')).toBe('builtin.concern.invoice');
    expect(first('催付')).toMatch(/^builtin\.unpaid\./);
    expect(first('th')).toBe('builtin.concern.return_refund');
  });
});
