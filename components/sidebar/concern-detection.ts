import { useMemo } from 'react';
import type { Taxonomy } from '@/lib/concerns';
import type { ConsoleMessage } from '@/lib/schemas/messages';
import type { MeaningFinder } from '@/lib/search/meaning';
import type { UiLocale } from '@/lib/schemas/common';
import { concernNamer, detectConcerns, meaningFinder, type DetectedConcern } from '@/lib/suggestions';

/**
 * Concerns in the open conversation's buyer messages, newest first (lib/suggestions/concerns.ts),
 * on every change of the thread.
 */
export function useConcernDetection(
  messages: ConsoleMessage[],
  taxonomy?: Taxonomy,
): { detected: DetectedConcern[]; nameOf: (id: string, locale: UiLocale) => string } {
  return useMemo(
    () => ({ detected: detectConcerns(messages, taxonomy), nameOf: concernNamer(taxonomy) }),
    [messages, taxonomy],
  );
}

/** What a search term means, for the template search: 退款 finds the 退换 answer. Built once per taxonomy. */
export function useMeaningFinder(taxonomy?: Taxonomy): MeaningFinder {
  return useMemo(() => meaningFinder(taxonomy), [taxonomy]);
}
