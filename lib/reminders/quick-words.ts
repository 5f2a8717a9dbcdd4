/** Word tables and small parsers for {@link parseQuickReminder}. */

/**
 * Full-width digits, letters and punctuation to ASCII, upper case to lower case, one code unit
 * for one, so offsets found in the normalised text cut the original text at the same places.
 */
export function normalise(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0).toLowerCase();
    else if (code === 0x3000) out += ' ';
    else if (code >= 65 && code <= 90) out += String.fromCharCode(code + 32);
    else out += text[i];
  }
  return out;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** `12`, `1.5`, `十二`, `二十三`, `两` → number; NaN for anything else. */
export function parseNumber(text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === '') return NaN;
  let total = 0;
  let current = 0;
  for (const ch of text) {
    const digit = CN_DIGITS[ch];
    if (digit !== undefined) current = digit;
    else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else return NaN;
  }
  return total + current;
}

/** Chinese numerals as a regex character class body (no digits). */
export const CN_NUM = '零〇一二两兩三四五六七八九十';

/** Parts of the day, with the time used when no clock time is given. */
export type Period = 'early' | 'morning' | 'noon' | 'afternoon' | 'evening';
export const PERIOD_DEFAULT_MINUTES: Record<Period, number> = {
  early: 6 * 60,
  morning: 9 * 60,
  noon: 12 * 60,
  afternoon: 15 * 60,
  evening: 20 * 60,
};

export const PERIOD_WORDS: Record<string, Period> = {
  凌晨: 'early',
  早上: 'morning',
  早晨: 'morning',
  上午: 'morning',
  早: 'morning',
  morning: 'morning',
  中午: 'noon',
  noon: 'noon',
  下午: 'afternoon',
  afternoon: 'afternoon',
  傍晚: 'evening',
  晚上: 'evening',
  夜里: 'evening',
  夜间: 'evening',
  晚: 'evening',
  evening: 'evening',
  night: 'evening',
};

/** Day words: days from today, and the part of the day they imply. */
export const DAY_WORDS: Record<string, { offset: number; period?: Period }> = {
  大后天: { offset: 3 },
  后天: { offset: 2 },
  明天: { offset: 1 },
  明日: { offset: 1 },
  明早: { offset: 1, period: 'morning' },
  明晚: { offset: 1, period: 'evening' },
  今天: { offset: 0 },
  今日: { offset: 0 },
  今早: { offset: 0, period: 'morning' },
  今晚: { offset: 0, period: 'evening' },
  'day after tomorrow': { offset: 2 },
  tomorrow: { offset: 1 },
  tmrw: { offset: 1 },
  tmr: { offset: 1 },
  today: { offset: 0 },
  tonight: { offset: 0, period: 'evening' },
};

/** 0 = Monday … 6 = Sunday. */
export const WEEKDAYS: Record<string, number> = {
  一: 0,
  二: 1,
  三: 2,
  四: 3,
  五: 4,
  六: 5,
  日: 6,
  天: 6,
  '1': 0,
  '2': 1,
  '3': 2,
  '4': 3,
  '5': 4,
  '6': 5,
  '7': 6,
  mon: 0,
  monday: 0,
  tue: 1,
  tues: 1,
  tuesday: 1,
  wed: 2,
  wednesday: 2,
  thu: 3,
  thurs: 3,
  thursday: 3,
  fri: 4,
  friday: 4,
  sat: 5,
  saturday: 5,
  sun: 6,
  sunday: 6,
};

export type DurationUnit = 'minute' | 'hour' | 'day' | 'week';
export const UNIT_WORDS: Record<string, DurationUnit> = {
  分钟: 'minute',
  分: 'minute',
  minute: 'minute',
  minutes: 'minute',
  min: 'minute',
  mins: 'minute',
  m: 'minute',
  小时: 'hour',
  钟头: 'hour',
  hour: 'hour',
  hours: 'hour',
  hr: 'hour',
  hrs: 'hour',
  h: 'hour',
  天: 'day',
  day: 'day',
  days: 'day',
  d: 'day',
  周: 'week',
  星期: 'week',
  礼拜: 'week',
  week: 'week',
  weeks: 'week',
  wk: 'week',
  wks: 'week',
  w: 'week',
};
export const UNIT_MS: Record<DurationUnit, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};
