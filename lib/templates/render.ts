import type { BuyerLanguage } from '../schemas/common';
import { parseTemplate, type ParsedTemplate, type TemplateError } from './parse';
import type { Template } from './schema';
import { resolveVariable, type RenderContext, type VariableName } from './variables';

export type { RenderContext, TemplateCoupon, TemplateOrder, VariableName } from './variables';

export interface TemplateBlank {
  label: string;
  /** First occurrence in the body. */
  start: number;
  end: number;
  answered: boolean;
}

export type RenderResult =
  | {
      ok: true;
      /** Plain text, ready to insert. */
      text: string;
      /** Caret offset in `text` from `{{cursor}}`; null = no marker (put it at the end). */
      cursor: number | null;
      blanks: TemplateBlank[];
      /** Variables that had no value and used their fallback: worth a glance before sending. */
      usedFallbacks: VariableName[];
    }
  | {
      ok: false;
      errors: TemplateError[];
      blanks: TemplateBlank[];
      /**
       * The text with each gap shown as 【label】 ([label] in English), for a preview while the
       * agent fills blanks; null when the body itself does not parse.
       */
      preview: string | null;
    };

function answerFor(label: string, ctx: RenderContext): string | null {
  // Own keys only: a blank labelled `constructor` or `__proto__` must not find Object.prototype's.
  const answers = ctx.answers;
  const answer = answers && Object.hasOwn(answers, label) ? answers[label] : undefined;
  return typeof answer !== 'string' || answer.trim() === '' ? null : answer;
}

function gap(label: string, lang: BuyerLanguage): string {
  return lang === 'zh-CN' || lang === 'zh-TW' ? `【${label}】` : `[${label}]`;
}

/**
 * Render a body (or an already parsed one) for one buyer. Either every gap is filled and the
 * result is complete plain text, or the result lists what is missing; it never hands back
 * half-rendered text with template syntax in it.
 */
export function renderTemplate(body: string | ParsedTemplate, ctx: RenderContext): RenderResult {
  const parsed = typeof body === 'string' ? parseTemplate(body) : body;
  const blanks: TemplateBlank[] = parsed.blanks.map((b) => ({ ...b, answered: answerFor(b.label, ctx) !== null }));
  if (parsed.errors.length > 0) return { ok: false, errors: parsed.errors, blanks, preview: null };

  const errors: TemplateError[] = [];
  const usedFallbacks: VariableName[] = [];
  let text = '';
  let preview = '';
  let cursor: number | null = null;
  for (const node of parsed.nodes) {
    let piece: string | null;
    let label = '';
    switch (node.type) {
      case 'text':
        piece = node.value;
        break;
      case 'cursor':
        cursor ??= text.length;
        piece = '';
        break;
      case 'ask':
        piece = answerFor(node.label, ctx);
        label = node.label;
        if (piece === null) errors.push({ code: 'missingAnswer', start: node.start, end: node.end, name: node.label });
        break;
      case 'var': {
        piece = resolveVariable(node.name, ctx);
        label = node.name;
        if (piece === null && node.fallback !== null) {
          piece = node.fallback;
          if (!usedFallbacks.includes(node.name)) usedFallbacks.push(node.name);
        }
        if (piece === null) errors.push({ code: 'missingValue', start: node.start, end: node.end, name: node.name });
        break;
      }
    }
    text += piece ?? '';
    preview += piece ?? gap(label, ctx.lang);
  }
  if (errors.length > 0) return { ok: false, errors, blanks, preview };
  return { ok: true, text, cursor, blanks, usedFallbacks };
}

export interface PickedVariant {
  /** The language of `body`. */
  lang: BuyerLanguage;
  body: string;
  /** True when the requested language had no variant. */
  fellBack: boolean;
  /** True when a buyer who does not write Chinese gets another language than theirs: the UI should warn. */
  needsTranslation: boolean;
}

/**
 * zh-TW falls back to zh-CN (readable to the buyer); en falls back to zh-CN with a warning; Thai,
 * Vietnamese and Malay/Indonesian fall back to English when the template has it (Shopee's buyers
 * in those markets read English far more often than Chinese), else to zh-CN, with a warning.
 */
export function pickVariant(template: Pick<Template, 'variants'>, lang: BuyerLanguage): PickedVariant {
  const own = template.variants[lang];
  if (own !== undefined) return { lang, body: own, fellBack: false, needsTranslation: false };
  const foreign = lang !== 'zh-CN' && lang !== 'zh-TW';
  const english = template.variants.en;
  if (foreign && lang !== 'en' && english !== undefined)
    return { lang: 'en', body: english, fellBack: true, needsTranslation: true };
  return { lang: 'zh-CN', body: template.variants['zh-CN'], fellBack: true, needsTranslation: foreign };
}

/**
 * Pick the variant for the buyer's language (`ctx.lang`) and render it in the variant's own
 * language, so a zh-CN fallback for an English buyer gets Chinese dates and money too.
 */
export function renderVariant(
  template: Pick<Template, 'variants'>,
  ctx: RenderContext,
): { variant: PickedVariant; result: RenderResult } {
  const variant = pickVariant(template, ctx.lang);
  return { variant, result: renderTemplate(variant.body, { ...ctx, lang: variant.lang }) };
}
