import { useMemo } from 'react';
import { compileTaxonomy, defaultTaxonomy, detect, type Taxonomy } from '@/lib/concerns';
import type { ConsoleMessage } from '@/lib/schemas/messages';
import { createMeaningFinder, type MeaningFinder } from '@/lib/search/meaning';
import type { UiLocale } from '@/lib/schemas/common';
import type { DetectedConcern } from './ConcernsPanel';

let cached: { taxonomy: Taxonomy; matcher: ReturnType<typeof compileTaxonomy> } | undefined;
function matcherFor(taxonomy?: Taxonomy) {
  const t = taxonomy ?? cached?.taxonomy ?? defaultTaxonomy();
  if (!cached || cached.taxonomy !== t) cached = { taxonomy: t, matcher: compileTaxonomy(t) };
  return cached;
}

/**
 * Concerns in the open conversation's buyer messages, newest first. The detector is pure and
 * takes microseconds per message, so it runs in the sidebar on every change of the thread.
 */
export function useConcernDetection(
  messages: ConsoleMessage[],
  taxonomy?: Taxonomy,
): { detected: DetectedConcern[]; nameOf: (id: string, locale: UiLocale) => string } {
  return useMemo(() => {
    const { taxonomy: tax, matcher } = matcherFor(taxonomy);
    const detected: DetectedConcern[] = [];
    for (const m of [...messages].reverse()) {
      if (m.author !== 'buyer') continue;
      const seen = new Set<string>();
      for (const d of detect(m.text, matcher)) {
        if (seen.has(d.concern)) continue;
        seen.add(d.concern);
        detected.push({ messageId: m.id, quote: m.text, concern: d.concern });
      }
    }
    const names = new Map(tax.concerns.map((c) => [c.id, c.names]));
    const nameOf = (id: string, locale: UiLocale) => {
      const n = names.get(id);
      return n ? (locale === 'en' ? n.en : n['zh-CN']) : id;
    };
    return { detected, nameOf };
  }, [messages, taxonomy]);
}

/**
 * What a search term means (the detector on the term, the concerns' synonyms and words), for the
 * template search: 退款 finds the 退换 answer. Built once per taxonomy; it caches terms itself.
 */
export function useMeaningFinder(taxonomy?: Taxonomy): MeaningFinder {
  return useMemo(() => {
    const { taxonomy: tax, matcher } = matcherFor(taxonomy);
    return createMeaningFinder({ taxonomy: tax, matcher });
  }, [taxonomy]);
}
