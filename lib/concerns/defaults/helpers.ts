import type { z } from 'zod';
import type { ConcernSchema } from '../taxonomy';

export type ConcernInput = z.input<typeof ConcernSchema>;

/** Whitespace-separated Chinese terms: `zh('尺码 码数')`. */
export function zh(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

/** Comma-separated English terms, which may contain spaces: `en('size, true to size')`. */
export function en(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The same terms with one weight: weak signals that count only together with another. */
export function weighted(weight: number, terms: string[]): { text: string; weight: number }[] {
  return terms.map((text) => ({ text, weight }));
}
