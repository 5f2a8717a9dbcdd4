import { translate, type MessageKey } from '../i18n';
import type { UiLocale } from '../schemas/common';
import type { GuardNames } from './compliance';

const BUILT_IN: Readonly<Record<string, MessageKey>> = {
  absolute: 'guard_list_absolute',
  authority: 'guard_list_authority',
  medical: 'guard_list_medical',
  guarantee: 'guard_list_guarantee',
  contact: 'guard_list_contact',
};

/** The name of a list without a name of its own: the built-in name of its id, or the id. */
export function guardListName(id: string, locale: UiLocale): string {
  const key = BUILT_IN[id];
  return key ? translate(locale, key) : id;
}

/** The guard's check names in the UI language, with `{…}` left for the checker to fill in. */
export function guardNames(locale: UiLocale): GuardNames {
  const raw = (key: MessageKey) => translate(locale, key);
  return {
    repeat: raw('guard_repeat'),
    repeatBuyers: raw('guard_repeatBuyers'),
    tooLong: raw('guard_tooLong'),
    tooMany: raw('guard_tooMany'),
    hit: raw('guard_hit'),
    wordSeparator: raw('guard_wordSep'),
    findingSeparator: raw('guard_findingSep'),
  };
}
