import { describe, expect, it } from 'vitest';
import { StageIdSchema } from '../../schemas/buyer';
import { detectBuyerLanguage } from '../language';
import { parseTemplate } from '../parse';
import { renderTemplate } from '../render';
import { CORE_TEMPLATE_LOCALES, TEMPLATE_LOCALES, TemplateSchema } from '../schema';
import { sampleBuyer, sampleContext } from '../testing';
import { DEFAULT_CONCERN_IDS } from '../../concerns';
import { defaultTemplates } from '.';

const templates = defaultTemplates();
const written = (t: (typeof templates)[number]) => TEMPLATE_LOCALES.filter((lang) => t.variants[lang] !== undefined);

describe('default template library', () => {
  it('holds valid records with unique ids and shortcuts', () => {
    for (const t of templates) expect(TemplateSchema.safeParse(t).success, t.id).toBe(true);
    expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
    expect(new Set(templates.map((t) => t.shortcut)).size).toBe(templates.length);
  });

  it('writes every template in zh-CN, zh-TW and English, each parsing cleanly', () => {
    for (const t of templates) {
      for (const lang of CORE_TEMPLATE_LOCALES) {
        const body = t.variants[lang];
        expect(body, `${t.id} ${lang}`).toBeTruthy();
        expect(parseTemplate(body!).errors, `${t.id} ${lang}`).toEqual([]);
      }
    }
  });

  it('writes the size answer, the first-order thanks and the shipping notice for Thai, Vietnamese and Malay/Indonesian Shopee buyers too', () => {
    for (const id of ['builtin.concern.size', 'builtin.thanks.first', 'builtin.shipping.notice']) {
      const t = templates.find((x) => x.id === id)!;
      expect(written(t), id).toEqual(TEMPLATE_LOCALES);
      for (const lang of ['th', 'vi', 'ms'] as const)
        expect(parseTemplate(t.variants[lang]!).errors, `${id} ${lang}`).toEqual([]);
      expect(t.variants.th, id).toMatch(/\p{Script=Thai}/u);
      expect(`${t.variants.vi}${t.variants.ms}`, id).not.toMatch(/\p{Script=Han}|\p{Script=Thai}/u);
    }
  });

  it('keeps the English variants in English and the zh-TW variants in traditional script', () => {
    for (const t of templates) {
      expect(t.variants.en, t.id).not.toMatch(/\p{Script=Han}/u);
      // Simplified-only forms that would give a zh-CN text away.
      expect(t.variants['zh-TW'], t.id).not.toMatch(/[们这个说时货发码吗还谢请订单运费]/);
    }
  });

  it('is recognised as its own language by the buyer-language detector', () => {
    for (const t of templates)
      for (const lang of written(t)) expect(detectBuyerLanguage([t.variants[lang]!]), `${t.id} ${lang}`).toBe(lang);
  });

  it('answers every default concern', () => {
    for (const id of DEFAULT_CONCERN_IDS) {
      const answers = templates.filter((t) => t.kind === 'concern_answer' && t.conditions.concerns?.includes(id));
      expect(answers.length, id).toBeGreaterThan(0);
    }
  });

  it('has a re-engagement message for every lifecycle stage', () => {
    for (const stage of StageIdSchema.options) {
      const found = templates.filter((t) => t.kind === 'reengage' && t.conditions.stages?.includes(stage));
      expect(found.length, stage).toBe(1);
    }
  });

  it('covers the retention playbook messages', () => {
    const kinds = new Set(templates.map((t) => t.kind));
    for (const kind of [
      'thanks',
      'unpaid_reminder',
      'shipping',
      'delivery_checkin',
      'greeting',
      'review_reply',
    ] as const)
      expect(kinds.has(kind), kind).toBe(true);
    const thanks = templates.filter((t) => t.kind === 'thanks');
    expect(thanks.map((t) => t.conditions.newBuyer).sort()).toEqual([false, true]);
    expect(templates.filter((t) => t.kind === 'unpaid_reminder')).toHaveLength(4);
  });

  it('marks pushes as marketing and replies to the buyer as service', () => {
    for (const t of templates) expect(t.marketing, t.id).toBe(t.kind === 'greeting' || t.kind === 'reengage');
  });

  it('renders every variant for a real buyer once the blanks are answered', () => {
    for (const t of templates) {
      for (const lang of written(t)) {
        const body = t.variants[lang]!;
        const answers = Object.fromEntries(parseTemplate(body).blanks.map((b) => [b.label, '【填写】']));
        const result = renderTemplate(body, sampleContext({ lang, answers }));
        expect(result.ok ? '' : JSON.stringify(result.errors), `${t.id} ${lang}`).toBe('');
        if (result.ok) expect(result.text).toContain('莉莉小姐');
      }
    }
  });

  it('still reads naturally for a brand-new contact thanks to fallbacks', () => {
    const t = templates.find((x) => x.id === 'builtin.concern.size')!;
    const body = t.variants['zh-CN'];
    const answers = { 版型: '偏小一码', 建议尺码: 'L' };
    const result = renderTemplate(body, sampleContext({ buyer: null, answers }));
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(result.text.startsWith('亲，这款版型偏小一码')).toBe(true);
    const known = renderTemplate(body, sampleContext({ buyer: sampleBuyer(), answers }));
    if (known.ok) expect(known.text.startsWith('莉莉小姐，')).toBe(true);
  });
});
