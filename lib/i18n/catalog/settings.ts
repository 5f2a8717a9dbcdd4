import type { Catalog } from '../types';

/** Strings of the shop time-zone pick and of settings that were stored wrong. */
export const settings = {
  tz_group_common: { zh: '常用', en: 'Common' },
  tz_city_shanghai: { zh: '上海（北京时间）', en: 'Shanghai (Beijing time)' },
  tz_city_hongKong: { zh: '香港', en: 'Hong Kong' },
  tz_city_taipei: { zh: '台北', en: 'Taipei' },
  tz_city_singapore: { zh: '新加坡', en: 'Singapore' },
  tz_city_kualaLumpur: { zh: '吉隆坡', en: 'Kuala Lumpur' },
  tz_city_bangkok: { zh: '曼谷', en: 'Bangkok' },
  tz_city_jakarta: { zh: '雅加达', en: 'Jakarta' },
  tz_city_hoChiMinh: { zh: '胡志明市', en: 'Ho Chi Minh City' },
  tz_city_manila: { zh: '马尼拉', en: 'Manila' },
  tz_city_tokyo: { zh: '东京', en: 'Tokyo' },
  tz_city_seoul: { zh: '首尔', en: 'Seoul' },
  tz_city_saoPaulo: { zh: '圣保罗', en: 'São Paulo' },
  tz_city_mexicoCity: { zh: '墨西哥城', en: 'Mexico City' },
  tz_region_asia: { zh: '亚洲', en: 'Asia' },
  tz_region_america: { zh: '美洲', en: 'Americas' },
  tz_region_europe: { zh: '欧洲', en: 'Europe' },
  tz_region_africa: { zh: '非洲', en: 'Africa' },
  tz_region_australia: { zh: '澳大利亚', en: 'Australia' },
  tz_region_pacific: { zh: '太平洋', en: 'Pacific' },
  tz_region_indian: { zh: '印度洋', en: 'Indian Ocean' },
  tz_region_atlantic: { zh: '大西洋', en: 'Atlantic' },
  tz_region_antarctica: { zh: '南极洲', en: 'Antarctica' },
  tz_region_arctic: { zh: '北极', en: 'Arctic' },
  tz_region_other: { zh: '其他', en: 'Other' },
  op_settings_tzHint: {
    zh: '订单时间、“今天”和提醒时间都按这个时区计算。',
    en: 'Order times, "today" and reminder times are in this zone.',
  },
  op_settings_fallbackZone: {
    zh: '保存的店铺时区“{stored}”无法识别，现在暂按默认时区 {fallback} 计算。请在下面选择正确的时区并保存。',
    en: 'The stored shop time zone "{stored}" is not a zone this browser knows; {fallback} is used for now. Pick the right zone below and save.',
  },
  op_settings_fallbackField: {
    zh: '保存的设置项“{field}”的值“{stored}”无效，现在暂用默认值。检查下面的设置并保存即可更正。',
    en: 'The stored value "{stored}" of the setting "{field}" is not valid; its default is used for now. Check the settings below and save to correct it.',
  },
  op_settings_fallbackBanner: {
    zh: '有设置项保存的值无效，现在暂用默认值，请到这里更正：',
    en: 'A stored setting is not valid and its default is used for now; correct it in',
  },
  op_settings_fallbackAll: {
    zh: '保存的设置无法读取，现在暂用默认设置。检查下面的设置并保存即可更正。',
    en: 'The stored settings could not be read; the defaults are used for now. Check the settings below and save to correct them.',
  },
} satisfies Catalog;
