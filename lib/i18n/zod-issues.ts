import type { UiLocale } from '../schemas/common';
import { FIELD_NAMES } from './catalog/fields';
import { catalog, translate, type MessageKey, type MessageParams } from './index';

/**
 * What the UI needs of a zod issue, as plain data (a worker or lib/ code can pass it on and the
 * page words it). zod's own `message` is kept only to recognise a schema's catalogue key
 * (`z.string().regex(re, 'ws_tpl_err_shortcut')`); it is never shown.
 */
export interface FieldIssue {
  path: readonly PropertyKey[];
  code: string;
  message?: string;
  origin?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  keys?: readonly string[];
  /** The value at `path`, when the caller knows it is missing. */
  missing?: boolean;
}

const isMessageKey = (key: string | undefined): key is MessageKey => key !== undefined && Object.hasOwn(catalog, key);

/** A field's place in words: "会员等级 › 第 3 项 › 最少付款订单数" / "Levels › item 3 › Minimum paid orders". */
export function fieldName(path: readonly PropertyKey[], locale: UiLocale): string {
  const parts: string[] = [];
  let parent: string | null = null;
  const named = (key: string) => (Object.hasOwn(FIELD_NAMES, key) ? FIELD_NAMES[key] : undefined);
  for (const segment of path) {
    if (typeof segment === 'number') parts.push(translate(locale, 'val_item', { n: segment + 1 }));
    else {
      // A name that means something else under one parent (`rates › rate` is an exchange rate) is keyed `parent.name`.
      const name = (parent !== null ? named(`${parent}.${String(segment)}`) : undefined) ?? named(String(segment));
      parent = String(segment);
      parts.push(name ? (locale === 'en' ? name.en : name.zh) : `「${String(segment)}」`);
    }
  }
  return parts.length > 0 ? parts.join(' › ') : translate(locale, 'val_whole');
}

function typeWord(expected: string | undefined, locale: UiLocale): string {
  switch (expected) {
    case 'string':
      return translate(locale, 'val_type_string');
    case 'number':
    case 'int':
    case 'bigint':
      return translate(locale, 'val_type_number');
    case 'boolean':
      return translate(locale, 'val_type_boolean');
    case 'array':
      return translate(locale, 'val_type_array');
    case 'object':
    case 'record':
      return translate(locale, 'val_type_object');
    default:
      return translate(locale, 'val_type_other');
  }
}

/** One issue as a sentence in the UI language, naming its field in words (or as `field` says). */
export function describeIssue(issue: FieldIssue, locale: UiLocale, field = fieldName(issue.path, locale)): string {
  const p: MessageParams = { field };
  if (isMessageKey(issue.message)) {
    // A schema's own sentence; it is placed by field unless it names the field itself.
    const text = translate(locale, issue.message, p);
    return catalog[issue.message].zh.includes('{field}') ? text : `${field}${locale === 'en' ? ': ' : '：'}${text}`;
  }
  const min = issue.minimum === undefined ? undefined : Number(issue.minimum);
  const max = issue.maximum === undefined ? undefined : Number(issue.maximum);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.missing || /received undefined$/.test(issue.message ?? '')) return translate(locale, 'val_required', p);
      if (issue.expected === 'int') return translate(locale, 'val_integer', p);
      return translate(locale, 'val_type', { ...p, expected: typeWord(issue.expected, locale) });
    case 'too_small':
      if (issue.origin === 'string')
        return min === 1
          ? translate(locale, 'val_empty', p)
          : translate(locale, 'val_textShort', { ...p, min: min ?? 0 });
      if (issue.origin === 'array' || issue.origin === 'set')
        return translate(locale, 'val_listShort', { ...p, min: min ?? 0 });
      return translate(locale, issue.inclusive === false ? 'val_numberSmallExclusive' : 'val_numberSmall', {
        ...p,
        min: min ?? 0,
      });
    case 'too_big':
      if (issue.origin === 'string') return translate(locale, 'val_textLong', { ...p, max: max ?? 0 });
      if (issue.origin === 'array' || issue.origin === 'set')
        return translate(locale, 'val_listLong', { ...p, max: max ?? 0 });
      return translate(locale, issue.inclusive === false ? 'val_numberBigExclusive' : 'val_numberBig', {
        ...p,
        max: max ?? 0,
      });
    case 'invalid_format':
      return translate(locale, 'val_format', p);
    case 'invalid_value':
      return translate(locale, 'val_choice', p);
    case 'unrecognized_keys':
      return translate(locale, 'val_unknownKeys', { ...p, keys: (issue.keys ?? []).join(', ') });
    case 'not_multiple_of':
      return translate(locale, 'val_integer', p);
    default:
      return translate(locale, 'val_invalid', p);
  }
}

/** Plain-data copies of zod issues (structured-clone safe: for a worker's or a pack's report). */
export function toFieldIssues(issues: readonly object[]): FieldIssue[] {
  return issues.map((raw) => {
    const i = raw as Record<string, unknown>;
    const out: FieldIssue = {
      path: (i.path as PropertyKey[] | undefined)?.filter((s) => typeof s !== 'symbol') ?? [],
      code: String(i.code ?? 'custom'),
    };
    if (typeof i.message === 'string') out.message = i.message;
    if (typeof i.origin === 'string') out.origin = i.origin;
    if (typeof i.expected === 'string') out.expected = i.expected;
    if (typeof i.minimum === 'number' || typeof i.minimum === 'bigint') out.minimum = i.minimum;
    if (typeof i.maximum === 'number' || typeof i.maximum === 'bigint') out.maximum = i.maximum;
    if (typeof i.inclusive === 'boolean') out.inclusive = i.inclusive;
    if (Array.isArray(i.keys)) out.keys = i.keys.map(String);
    return out;
  });
}

/** Issues as one line for a form's error text: the first `limit`, then how many more. */
export function describeIssues(issues: readonly object[], locale: UiLocale, limit = 5): string {
  const all = toFieldIssues(issues);
  const lines = all.slice(0, limit).map((i) => describeIssue(i, locale));
  if (all.length > limit) lines.push(translate(locale, 'val_more', { count: all.length - limit }));
  return lines.join(locale === 'en' ? '; ' : '；');
}
