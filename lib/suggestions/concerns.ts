import { compileTaxonomy, defaultTaxonomy, detect, type Taxonomy } from '../concerns';
import type { UiLocale } from '../schemas/common';
import type { ConsoleMessage } from '../schemas/messages';
import { createMeaningFinder, type MeaningFinder } from '../search/meaning';

/** A concern found in one of the open conversation's buyer messages. */
export interface DetectedConcern {
  messageId: string;
  quote: string;
  concern: string;
}

let cached: { taxonomy: Taxonomy; matcher: ReturnType<typeof compileTaxonomy> } | undefined;
function matcherFor(taxonomy?: Taxonomy) {
  const t = taxonomy ?? cached?.taxonomy ?? defaultTaxonomy();
  if (!cached || cached.taxonomy !== t) cached = { taxonomy: t, matcher: compileTaxonomy(t) };
  return cached;
}

/**
 * Concerns in a conversation's buyer messages, newest message first, each concern once per
 * message. The detector is pure and takes microseconds per message, so it runs on every change
 * of the thread. The compiled taxonomy is kept while the same taxonomy object is passed.
 */
export function detectConcerns(messages: readonly ConsoleMessage[], taxonomy?: Taxonomy): DetectedConcern[] {
  const { matcher } = matcherFor(taxonomy);
  const detected: DetectedConcern[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.author !== 'buyer') continue;
    const seen = new Set<string>();
    for (const d of detect(m.text, matcher)) {
      if (seen.has(d.concern)) continue;
      seen.add(d.concern);
      detected.push({ messageId: m.id, quote: m.text, concern: d.concern });
    }
  }
  return detected;
}

/** A concern id's name in the UI language, from the taxonomy (the id itself when the taxonomy lacks it). */
export function concernNamer(taxonomy?: Taxonomy): (id: string, locale: UiLocale) => string {
  const names = new Map(matcherFor(taxonomy).taxonomy.concerns.map((c) => [c.id, c.names]));
  return (id, locale) => {
    const n = names.get(id);
    return n ? (locale === 'en' ? n.en : n['zh-CN']) : id;
  };
}

/**
 * What a search term means (the detector on the term, the concerns' synonyms and words), for the
 * template search: 退款 finds the 退换 answer. Build once per taxonomy; it caches terms itself.
 */
export function meaningFinder(taxonomy?: Taxonomy): MeaningFinder {
  const { taxonomy: tax, matcher } = matcherFor(taxonomy);
  return createMeaningFinder({ taxonomy: tax, matcher });
}

/** Concerns from this many of the buyer's latest messages drive the ranking. */
export const RECENT_BUYER_MESSAGES = 5;

/** Concern ids of the buyer's latest messages, most recent first, each once. */
export function recentConcerns(
  messages: readonly ConsoleMessage[],
  detected: readonly Pick<DetectedConcern, 'messageId' | 'concern'>[],
): string[] {
  const recent = new Set(
    messages
      .filter((m) => m.author === 'buyer')
      .slice(-RECENT_BUYER_MESSAGES)
      .map((m) => m.id),
  );
  const out: string[] = [];
  for (const d of detected) if (recent.has(d.messageId) && !out.includes(d.concern)) out.push(d.concern);
  return out;
}
