import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSearchIndex, search, type SearchHit } from '../../../lib/search';
import { normalize } from '../../../lib/search/fuzzy';
import { createTemplateSearchIndex, defaultTemplates, searchTemplates, type Template } from '../../../lib/templates';
import { HOSTILE_SMALL, HOSTILE_STRINGS, HOSTILE_VALUES } from '../../fixtures/hostile/strings';
import { anyText, runs } from './support';

const library = defaultTemplates();

/** The built-in library plus templates whose title, folder and body are hostile text. */
const hostileTemplates: Template[] = HOSTILE_SMALL.map(({ label, value }, i) => ({
  ...library[i % library.length]!,
  id: `hostile.${label}`,
  title: value.slice(0, 80) || label,
  folder: value.slice(0, 120),
  variants: { 'zh-CN': value.slice(0, 2000) || label, en: `${value.slice(0, 1000)} {{buyer.nick}}` },
}));
const templateIndex = createTemplateSearchIndex([...library, ...hostileTemplates]);
const fields = (t: Template) => [
  t.shortcut?.slice(1) ?? '',
  t.title,
  t.folder,
  t.variants['zh-CN'],
  t.variants['zh-TW'] ?? '',
  t.variants.en ?? '',
];
const byId = new Map([...library, ...hostileTemplates].map((t) => [t.id, t]));

function expectMatchesInside(hits: readonly SearchHit[], fieldsOf: (id: string) => readonly string[]) {
  for (const hit of hits) {
    expect(Number.isFinite(hit.score)).toBe(true);
    const texts = fieldsOf(hit.id);
    for (const m of hit.matches) {
      expect(m.start).toBeGreaterThanOrEqual(0);
      expect(m.end).toBeGreaterThanOrEqual(m.start);
      expect(m.end).toBeLessThanOrEqual(texts[m.field]!.length);
    }
  }
}

describe('search with hostile queries', () => {
  it('never throws for any corpus query over a library holding hostile templates, and highlights stay inside fields', () => {
    for (const { label, value } of HOSTILE_STRINGS) {
      const hits = searchTemplates(templateIndex, value, 20);
      expect(Array.isArray(hits), label).toBe(true);
      expectMatchesInside(hits, (id) => fields(byId.get(id)!));
    }
  });

  it('never throws for arbitrary queries, and finds a hostile title by its own text', () => {
    fc.assert(
      fc.property(anyText(40), (query) => {
        expectMatchesInside(searchTemplates(templateIndex, query, 10), (id) => fields(byId.get(id)!));
      }),
      runs(200),
    );
    for (const label of ['script-tag', 'proto-key', 'formula-hyperlink', 'cjk-extension-b']) {
      const hits = searchTemplates(templateIndex, HOSTILE_STRINGS.find((h) => h.label === label)!.value);
      expect(
        hits.map((h) => h.id),
        label,
      ).toContain(`hostile.${label}`);
    }
  });

  it('indexes and searches arbitrary fields and queries (case mapping that changes length, surrogates, 100 KB)', () => {
    fc.assert(
      fc.property(fc.array(anyText(60), { minLength: 1, maxLength: 6 }), anyText(20), (texts, query) => {
        const index = createSearchIndex(texts.map((t, i) => ({ id: String(i), fields: [t, t.toUpperCase()] })));
        expectMatchesInside(search(index, query), (id) => [texts[Number(id)]!, texts[Number(id)]!.toUpperCase()]);
      }),
      runs(200),
    );
    const big = createSearchIndex(HOSTILE_VALUES.map((v, i) => ({ id: String(i), fields: [v] })));
    for (const query of ['size', 'chima', 'cm', '尺码', 'szie', 'İ', '\uD800']) {
      expectMatchesInside(search(big, query), (id) => [HOSTILE_VALUES[Number(id)]!]);
    }
  });

  it('keeps offsets: normalising never changes a string’s length', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText(60),
          fc.array(fc.nat(0x10ffff), { maxLength: 60 }).map((codes) => String.fromCodePoint(...codes)),
        ),
        (text) => {
          expect(normalize(text)).toHaveLength(text.length);
        },
      ),
      runs(300),
    );
  });

  it('answers a long pasted query over long repetitive bodies without stalling, and still finds the pasted text', () => {
    // Typo matching costs (term length)² per candidate window: a pasted paragraph must not multiply that.
    const long = (id: string, body: string): Template => ({
      ...library[0]!,
      id,
      shortcut: undefined,
      title: id,
      folder: '',
      variants: { 'zh-CN': body },
    });
    const reply = '亲，这款是正品，支持验货，尺码标准，偏大半码，建议拍小一码。'.repeat(60).slice(0, 2000);
    const index = createTemplateSearchIndex([
      long('ha', '哈'.repeat(2000)),
      long('aa', 'a'.repeat(2000)),
      long('reply', reply),
    ]);
    expect(searchTemplates(index, `${'哈'.repeat(999)}!`)[0]?.id).toBe('ha');
    expect(searchTemplates(index, `${'a'.repeat(999)}b`)[0]?.id).toBe('aa');
    expect(searchTemplates(index, reply.slice(0, 1500))[0]?.id).toBe('reply');
    expect(searchTemplates(index, `\uD83D${'😀'.repeat(40)}`)).toEqual([]);
  });
});
