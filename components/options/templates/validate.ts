import type { UiLocale } from '@/lib/schemas/common';
import { translate } from '@/lib/i18n';
import { describeIssues } from '@/lib/i18n/zod-issues';
import {
  BUYER_LANGUAGE_KEYS,
  formatTemplateError,
  parseTemplate,
  ShortcutSchema,
  TEMPLATE_LOCALES,
  TemplateSchema,
  type Template,
} from '@/lib/templates';
import type { BuyerLanguage } from '@/lib/schemas/common';

export interface BodyIssue {
  start: number;
  end: number;
  line: number;
  column: number;
  message: string;
}

export interface Validation {
  bodies: Partial<Record<BuyerLanguage, BodyIssue[]>>;
  fields: Partial<Record<'title' | 'shortcut' | 'other', string>>;
  ok: boolean;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Everything wrong with a draft, placed where it is: body errors with their offsets (unknown
 * variable, unbalanced braces, empty variant…), then field errors, then anything the schema refuses.
 */
export function validateTemplate(draft: Template, others: readonly Template[], locale: UiLocale): Validation {
  const bodies: Validation['bodies'] = {};
  for (const lang of TEMPLATE_LOCALES) {
    const body = draft.variants[lang];
    if (body === undefined) continue;
    if (body.trim() === '') {
      bodies[lang] = [
        {
          start: 0,
          end: body.length,
          line: 1,
          column: 1,
          message: translate(locale, 'ws_tpl_err_emptyVariant', { lang: translate(locale, BUYER_LANGUAGE_KEYS[lang]) }),
        },
      ];
      continue;
    }
    const errors = parseTemplate(body).errors;
    if (errors.length)
      bodies[lang] = errors.map((e) => ({
        start: e.start,
        end: e.end,
        ...lineColumn(body, e.start),
        message: formatTemplateError(e, locale),
      }));
  }
  const fields: Validation['fields'] = {};
  if (!draft.title.trim()) fields.title = translate(locale, 'ws_tpl_err_title');
  if (draft.shortcut !== undefined) {
    if (!ShortcutSchema.safeParse(draft.shortcut).success) fields.shortcut = translate(locale, 'ws_tpl_err_shortcut');
    else {
      const taken = others.find((o) => o.id !== draft.id && o.deletedAt === undefined && o.shortcut === draft.shortcut);
      if (taken) fields.shortcut = translate(locale, 'ws_tpl_err_shortcutTaken', { title: taken.title });
    }
  }
  const clean = Object.keys(bodies).length === 0 && Object.keys(fields).length === 0;
  if (clean) {
    const parsed = TemplateSchema.safeParse(draft);
    if (!parsed.success) fields.other = describeIssues(parsed.error.issues, locale);
  }
  return { bodies, fields, ok: clean && !fields.other };
}
