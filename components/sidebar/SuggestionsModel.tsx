import { useMemo } from 'react';
import type { ReminderKind } from '@/lib/reminders';
import type { UiLocale } from '@/lib/schemas/common';
import type { BuyerLookup, SuggestionContext } from '@/lib/schemas/sidebar-rpc';
import type { AppSettings } from '@/lib/settings/app';
import {
  conversationFacts,
  suggest,
  type ConsoleConversation,
  type ConversationFacts,
  type Suggestions,
} from '@/lib/suggestions';

/**
 * The sidebar's hooks onto the suggestion decisions of lib/suggestions: each recomputes only when
 * what it reads changes. Nothing is decided here.
 */

export type { ConversationFacts, Suggestions };

/** What is suggested for this conversation now (null until the background sent the playbook). */
export function useSuggestions(
  facts: ConversationFacts,
  ctx: SuggestionContext | null,
  settings: AppSettings,
  reminderKinds: ReadonlySet<ReminderKind>,
): Suggestions | null {
  return useMemo(
    () => (ctx ? suggest(facts, ctx, settings, reminderKinds) : null),
    [ctx, settings, facts, reminderKinds],
  );
}

/**
 * The conversation as the suggestions see it: the buyer (imported or new), and the concerns of
 * the buyer's latest messages, most recent first. Stable while nothing relevant changes.
 */
export function useSuggestionFacts(
  state: ConsoleConversation,
  lookup: BuyerLookup | null,
  detection: {
    detected: readonly { messageId: string; concern: string }[];
    nameOf: (id: string, locale: UiLocale) => string;
  },
  locale: UiLocale,
): { facts: ConversationFacts; concernNames: Record<string, string> } | null {
  const { buyer, messages, consoleId, orders, products } = state;
  return useMemo(
    () =>
      lookup
        ? conversationFacts(
            { consoleId, buyer, messages, orders, products },
            lookup,
            detection.detected,
            detection.nameOf,
            locale,
          )
        : null,
    // The buyer's fields, not the object: a new state with the same buyer keeps the facts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lookup, messages, orders, products, detection, locale, consoleId, buyer.platform, buyer.id, buyer.nick],
  );
}
