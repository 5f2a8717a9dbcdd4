import { oncePerKey } from '../dates/once-per-key';
import { translate, type MessageKey } from '../i18n';
import { isValidTimeZone } from '../reminders/time';
import type { UiLocale } from '../schemas/common';

/**
 * The shop time zones offered in Settings: a pick from the zones this browser's Intl knows, the
 * zones shops selling in China and South-East Asia use first. A picked zone is always one Intl
 * accepts, so no typo can reach the code that computes "today".
 */
export const COMMON_SHOP_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Bangkok',
  'Asia/Jakarta',
  'Asia/Ho_Chi_Minh',
  'Asia/Manila',
  'Asia/Tokyo',
  'Asia/Seoul',
  'America/Sao_Paulo',
  'America/Mexico_City',
] as const;
type CommonZone = (typeof COMMON_SHOP_ZONES)[number];

const CITY: Record<CommonZone, MessageKey> = {
  'Asia/Shanghai': 'tz_city_shanghai',
  'Asia/Hong_Kong': 'tz_city_hongKong',
  'Asia/Taipei': 'tz_city_taipei',
  'Asia/Singapore': 'tz_city_singapore',
  'Asia/Kuala_Lumpur': 'tz_city_kualaLumpur',
  'Asia/Bangkok': 'tz_city_bangkok',
  'Asia/Jakarta': 'tz_city_jakarta',
  'Asia/Ho_Chi_Minh': 'tz_city_hoChiMinh',
  'Asia/Manila': 'tz_city_manila',
  'Asia/Tokyo': 'tz_city_tokyo',
  'Asia/Seoul': 'tz_city_seoul',
  'America/Sao_Paulo': 'tz_city_saoPaulo',
  'America/Mexico_City': 'tz_city_mexicoCity',
};

const REGIONS = [
  'Asia',
  'America',
  'Europe',
  'Africa',
  'Australia',
  'Pacific',
  'Indian',
  'Atlantic',
  'Antarctica',
  'Arctic',
] as const;
const REGION_LABEL: Record<(typeof REGIONS)[number] | 'other', MessageKey> = {
  Asia: 'tz_region_asia',
  America: 'tz_region_america',
  Europe: 'tz_region_europe',
  Africa: 'tz_region_africa',
  Australia: 'tz_region_australia',
  Pacific: 'tz_region_pacific',
  Indian: 'tz_region_indian',
  Atlantic: 'tz_region_atlantic',
  Antarctica: 'tz_region_antarctica',
  Arctic: 'tz_region_arctic',
  other: 'tz_region_other',
};

export interface ZoneChoice {
  id: string;
  label: string;
}
export interface ZoneGroup {
  label: string;
  zones: ZoneChoice[];
}

/** Every zone this runtime names (canonical ids); empty where Intl cannot list them. */
export function supportedTimeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: 'timeZone') => string[] };
  try {
    return typeof intl.supportedValuesOf === 'function' ? intl.supportedValuesOf('timeZone') : [];
  } catch {
    return [];
  }
}

const canonical = oncePerKey(
  (id: string) => new Intl.DateTimeFormat('en-US', { timeZone: id }).resolvedOptions().timeZone,
);

function zonePart(locale: string, id: string, style: 'longGeneric' | 'shortOffset', at: number): string {
  try {
    return (
      new Intl.DateTimeFormat(locale, { timeZone: id, timeZoneName: style })
        .formatToParts(at)
        .find((p) => p.type === 'timeZoneName')?.value ?? ''
    );
  } catch {
    return '';
  }
}

/** "UTC+8", "UTC+5:30", "UTC" at `now` (a zone with summer time shows the offset of now). */
export function utcOffsetLabel(id: string, now: number): string {
  const gmt = zonePart('en-US', id, 'shortOffset', now);
  return gmt.startsWith('GMT') ? `UTC${gmt.slice(3)}` : gmt;
}

/**
 * The Settings list: common shop zones first (city and zone name in the UI language, and the
 * offset now), then every other zone by region (an alias of a common zone, Asia/Saigon for
 * Asia/Ho_Chi_Minh, is not listed twice). A valid `current` zone that is in neither list (an alias
 * such as `UTC`) is offered first, so the pick shows what is stored.
 */
export function timeZoneGroups(
  locale: UiLocale,
  now: number,
  current?: string,
  supported: readonly string[] = supportedTimeZones(),
): ZoneGroup[] {
  const t = (key: MessageKey) => translate(locale, key);
  const intlLocale = locale === 'en' ? 'en-US' : 'zh-CN';
  const common = COMMON_SHOP_ZONES.filter(isValidTimeZone);
  const commonCanonical = new Set(common.map(canonical));
  const label = (id: string, city: string) => {
    const name = zonePart(intlLocale, id, 'longGeneric', now);
    return `${city} · ${name ? `${name} ` : ''}(${utcOffsetLabel(id, now)})`;
  };
  const first: ZoneChoice[] = common.map((id) => ({ id, label: label(id, t(CITY[id])) }));
  const byRegion = new Map<string, ZoneChoice[]>();
  const listed = new Set<string>(common);
  for (const id of supported) {
    // Intl lists canonical ids, so an alias of a common zone (Asia/Saigon) is its canonical id.
    if (listed.has(id) || commonCanonical.has(id)) continue;
    listed.add(id);
    const head = id.split('/')[0]!;
    const region = (REGIONS as readonly string[]).includes(head) ? head : 'other';
    const list = byRegion.get(region) ?? [];
    list.push({ id, label: id.replace(/_/g, ' ') });
    byRegion.set(region, list);
  }
  if (current && !listed.has(current) && isValidTimeZone(current)) {
    first.unshift({ id: current, label: `${current} (${utcOffsetLabel(current, now)})` });
  }
  const groups: ZoneGroup[] = [{ label: t('tz_group_common'), zones: first }];
  for (const region of [...REGIONS, 'other'] as const) {
    const zones = byRegion.get(region);
    if (zones?.length) groups.push({ label: t(REGION_LABEL[region]), zones });
  }
  return groups;
}
