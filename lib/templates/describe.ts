import type { BuyerLanguage, UiLocale } from '../schemas/common';
import { catalog, translate, type MessageKey } from '../i18n';
import type { TemplateError } from './parse';
import type { ReasonPart } from './rank';
import { TEMPLATE_VARIABLES, type VariableName } from './variables';

/** The catalogue's name of each buyer language ("英文", "泰文"…), for the editor's tabs and warnings. */
export const BUYER_LANGUAGE_KEYS: Readonly<Record<BuyerLanguage, MessageKey>> = {
  'zh-CN': 'ws_lang_zhCN',
  'zh-TW': 'ws_lang_zhTW',
  en: 'ws_lang_en',
  th: 'ws_lang_th',
  vi: 'ws_lang_vi',
  ms: 'ws_lang_ms',
};

function catalogKey(key: string): MessageKey | null {
  return key in catalog ? (key as MessageKey) : null;
}

/** The agent-facing sentence for a template error. */
export function formatTemplateError(error: TemplateError, locale: UiLocale): string {
  if (error.code === 'unknownVariable' && error.suggestion) {
    return translate(locale, 'templates_err_unknownVariableHint', {
      name: error.name ?? '',
      suggestion: error.suggestion,
    });
  }
  return translate(locale, `templates_err_${error.code}`, { name: error.name ?? '' });
}

export function describeVariable(name: VariableName, locale: UiLocale): string {
  const def = TEMPLATE_VARIABLES.find((v) => v.name === name);
  return def ? translate(locale, def.descriptionKey) : name;
}

function formatPart(part: ReasonPart, locale: UiLocale, segmentNames: Readonly<Record<string, string>>): string {
  switch (part.kind) {
    case 'stage':
      return translate(locale, `templates_stage_${part.id}`);
    case 'level':
      return part.name;
    case 'segment': {
      const own = Object.hasOwn(segmentNames, part.id) ? segmentNames[part.id] : undefined;
      if (own) return own;
      const key = catalogKey(`templates_segment_${part.id}`);
      return key ? translate(locale, key) : part.id;
    }
    case 'capped': {
      if (part.message) return locale === 'en' ? part.message.en : part.message.zh;
      const key = catalogKey(part.code);
      return key ? translate(locale, key, part.params) : translate(locale, 'templates_reason_capped');
    }
    case 'concern':
      return translate(locale, 'templates_reason_concern', { names: part.id });
    case 'needsTranslation':
      return translate(locale, 'templates_reason_needsTranslation', {
        lang: translate(locale, BUYER_LANGUAGE_KEYS[part.lang]),
      });
    default:
      return translate(locale, `templates_reason_${part.kind}`);
  }
}

/**
 * One line for a suggestion: "买家问了尺码、颜色 · 沉默期 · 高级会员" / "Asked about size · Silent · VIP2".
 * Adjacent concern parts merge into one phrase.
 */
export function formatReason(
  parts: readonly ReasonPart[],
  locale: UiLocale,
  concernNames: Readonly<Record<string, string>>,
  segmentNames: Readonly<Record<string, string>> = {},
): string {
  const pieces: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.kind !== 'concern') {
      pieces.push(formatPart(part, locale, segmentNames));
      continue;
    }
    const names: string[] = [];
    for (; i < parts.length && parts[i]!.kind === 'concern'; i++) {
      const id = (parts[i] as { id: string }).id;
      // Own keys only: a concern id such as `constructor` is valid and must not name Object's.
      names.push((Object.hasOwn(concernNames, id) ? concernNames[id] : undefined) ?? id);
    }
    i--;
    pieces.push(translate(locale, 'templates_reason_concern', { names: names.join(locale === 'en' ? ', ' : '、') }));
  }
  return pieces.join(' · ');
}
