import { pinyin } from 'pinyin-pro';

/**
 * Toneless pinyin readings per Chinese character, looked up once per distinct character and kept
 * for the life of the page, so (re)indexing thousands of templates costs a map lookup per
 * character. Every reading of a polyphonic character is kept (重 → zhong, chong): a search box
 * cannot know which one the agent has in mind. ü is offered both as v and as u (绿 → lv, lu).
 */

const cache = new Map<string, readonly string[]>();
const NONE: readonly string[] = Object.freeze([]);

export function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    code === 0x3007
  );
}

/** Readings of one character, most common first; [] for characters without any. */
export function hanReadings(ch: string): readonly string[] {
  const hit = cache.get(ch);
  if (hit) return hit;
  const readings: string[] = [];
  for (const raw of pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true })) {
    const reading = raw.toLowerCase();
    if (!/^[a-z]+$/.test(reading)) continue;
    if (!readings.includes(reading)) readings.push(reading);
    const plainU = reading.replace(/v/g, 'u');
    if (!readings.includes(plainU)) readings.push(plainU);
  }
  const frozen = readings.length ? Object.freeze(readings) : NONE;
  cache.set(ch, frozen);
  return frozen;
}
