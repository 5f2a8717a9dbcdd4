import { translate } from '../i18n';
import type { UiLocale } from '../schemas/common';
import { healthParts, type HealthPart } from './parts';

/**
 * A console's health as people read it: which parts of the page stopped matching, by their names
 * (买家昵称、消息、输入框), and since when. Selector keys never reach the user.
 */

export function partName(part: HealthPart, locale: UiLocale): string {
  return translate(locale, `part_${part}`);
}

/** `消息、输入框` / `messages, message box`: the parts behind some selector keys. */
export function partNames(keys: readonly string[], locale: UiLocale): string {
  return healthParts(keys)
    .map((p) => partName(p, locale))
    .join(locale === 'en' ? ', ' : '、');
}

/**
 * When something stopped matching, as short as is clear: the time on the same day, the date and
 * time before that. `timeZone` defaults to the browser's (tests pass one).
 */
export function sinceText(since: number, now: number, locale: UiLocale, timeZone?: string): string {
  const lang = locale === 'en' ? 'en-GB' : 'zh-CN';
  const day = (t: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
  const time = new Intl.DateTimeFormat(lang, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    since,
  );
  if (day(since) === day(now)) return time;
  const date = new Intl.DateTimeFormat(lang, { timeZone, month: 'short', day: 'numeric' }).format(since);
  return `${date} ${time}`;
}

/** "找不到：消息、输入框（14:03 起）" for the keys a reading missed. */
export function describeMissing(
  keys: readonly string[],
  locale: UiLocale,
  since: number | undefined,
  now: number,
  timeZone?: string,
): string {
  const parts = partNames(keys, locale);
  return since === undefined
    ? translate(locale, 'health_notFoundNoTime', { parts })
    : translate(locale, 'health_notFound', { parts, since: sinceText(since, now, locale, timeZone) });
}
