import { isPlatform } from '../consoles/platforms';
import type { Platform, UiLocale } from '../schemas/common';
import { translate } from './index';

/** A platform's name in the UI language; anything that is not a platform id reads as 其他 / Other. */
export function platformName(platform: Platform | string, locale: UiLocale): string {
  return translate(locale, `platform_${isPlatform(platform) ? platform : 'other'}`);
}
