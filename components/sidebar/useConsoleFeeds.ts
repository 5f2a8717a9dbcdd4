import { useEffect, useMemo, useRef } from 'react';
import type { UiLocale } from '@/lib/schemas/common';
import type { SuggestionContext } from '@/lib/schemas/sidebar-rpc';
import { consoleGuard, shortcutsOf, type ConversationFacts } from '@/lib/suggestions';
import type { HubApi } from './useHub';

/**
 * What the console's content script is told about this conversation, again after every reconnect:
 * the template shortcuts its input answers to (every other Tab is left alone), and the send check
 * for its platform, which marks what the agent types or inserts (never blocking, never sending),
 * with the texts other buyers had recently so the marker also names a text sent to many buyers.
 */
export function useConsoleFeeds(
  hub: HubApi,
  facts: ConversationFacts,
  ctx: SuggestionContext | null,
  locale: UiLocale,
): void {
  const templates = ctx?.templates ?? null;
  const shortcutList = useMemo(() => JSON.stringify(shortcutsOf(templates ?? [])), [templates]);
  useEffect(() => {
    if (templates) hub.send({ type: 'shortcuts', shortcuts: JSON.parse(shortcutList) as string[] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shortcutList, templates !== null, hub.connectTick]);

  const guardRules = ctx?.guardRules ?? null;
  const recentSameText = ctx?.sameText ?? null;
  const platformGuard = useMemo(
    () => (guardRules ? JSON.stringify(consoleGuard(guardRules, facts.platform, locale, recentSameText)) : null),
    [guardRules, recentSameText, facts.platform, locale],
  );
  useEffect(() => {
    if (platformGuard) hub.send({ type: 'guard', guard: JSON.parse(platformGuard) as ReturnType<typeof consoleGuard> });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [platformGuard, hub.connectTick]);
}

/**
 * Agent messages that appear after an insertion may be that text, sent: the log is told, and
 * marketing counts against the caps only from then on. Messages already shown when the
 * conversation opened are history and never match a new insertion. Returns the count of inserts
 * made here, which the panel adds to.
 */
export function useContactSeen(hub: HubApi, facts: ConversationFacts): { current: number } {
  const insertedHere = useRef(0);
  const seenAgent = useRef<Set<string> | null>(null);
  useEffect(() => {
    const agent = facts.messages.filter((m) => m.author === 'agent');
    if (!seenAgent.current) {
      seenAgent.current = new Set(agent.map((m) => m.id));
      return;
    }
    const fresh = agent.filter((m) => !seenAgent.current!.has(m.id));
    for (const m of fresh) seenAgent.current.add(m.id);
    if (fresh.length === 0 || insertedHere.current === 0) return;
    // Keyed by message id in the background, so asking again after a worker restart marks nothing twice.
    const messages = fresh.slice(-20).map((m) => ({ id: m.id, text: m.text.slice(0, 2000) }));
    hub
      .confirmed({ method: 'contactSeen', buyerId: facts.buyerId, messages })
      .catch(() => hub.showNotice({ kind: 'error', key: 'sg_contactSeenNotRecorded' }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [facts.messages]);
  return insertedHere;
}
