import type { Locale } from '../schemas/common';
import type { DemoCategory } from './catalog';
import type { DemoConcern } from './conversation-schema';

/**
 * A hand-written chat: what was said before the console opened, and what the buyer will say next.
 * `{item}` in a line is replaced by the product's short name, `{price}` by its price in yuan.
 */
export type PastLine = readonly ['b' | 'a' | 's', string] | readonly ['card'];

export interface ScriptLine {
  text: string;
  concerns: DemoConcern[];
}

export interface Episode {
  key: string;
  lang: Locale;
  category: DemoCategory;
  /** Product the chat is about; a product of `category` otherwise. */
  product?: string;
  /** Concerns already raised in `past`. */
  pastConcerns?: DemoConcern[];
  past: PastLine[];
  script: ScriptLine[];
}

export const ask = (text: string, ...concerns: DemoConcern[]): ScriptLine => ({ text, concerns });
