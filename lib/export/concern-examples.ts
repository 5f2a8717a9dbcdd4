import type { ConcernRecord } from '../db/records';
import type { Locale } from '../schemas/common';
import { detectBuyerLanguage } from '../templates/language';

/**
 * Labelled examples for the concern detector from the agents' corrections: a message in which an
 * agent marked a concern the detector missed (select text → concern) becomes `{text, concerns}`,
 * the whole message with every concern saved for it (the missed ones and those the detector found
 * and the agent confirmed). One example per message; JSON Lines, one example a line, for a shop to
 * export and for training or evaluation sets (lib/concerns: the fixtures' shape, `lang` included, so an
 * export goes into `tests/fixtures/concerns` as it is). Deleted records are left out.
 */
export interface LabelledExample {
  text: string;
  concerns: string[];
  /** The language the detector's rules read it in: traditional or simplified Chinese, else English. */
  lang: Locale;
}

function ruleLanguage(text: string): Locale {
  const lang = detectBuyerLanguage([text]);
  return lang === 'zh-CN' || lang === 'zh-TW' ? lang : 'en';
}

export function labelledExamples(records: readonly ConcernRecord[]): LabelledExample[] {
  const key = (r: ConcernRecord) => `${r.buyerId}\u0000${r.conversationId}\u0000${r.messageId}`;
  const live = records.filter((r) => !r.deletedAt);
  const corrected = new Map<string, { text: string; at: number }>();
  for (const r of live) {
    if (!r.missed) continue;
    const text = r.messageText ?? r.quote;
    const k = key(r);
    const seen = corrected.get(k);
    if (!seen || r.at < seen.at) corrected.set(k, { text, at: seen ? Math.min(seen.at, r.at) : r.at });
  }
  const concerns = new Map<string, Set<string>>();
  for (const r of live) {
    const k = key(r);
    if (!corrected.has(k)) continue;
    let set = concerns.get(k);
    if (!set) concerns.set(k, (set = new Set()));
    set.add(r.concern);
  }
  return [...corrected.entries()]
    .sort((a, b) => a[1].at - b[1].at || (a[0] < b[0] ? -1 : 1))
    .map(([k, { text }]) => ({ text, concerns: [...(concerns.get(k) ?? [])].sort(), lang: ruleLanguage(text) }));
}

export function examplesJsonl(examples: readonly LabelledExample[]): string {
  return (
    examples.map((e) => JSON.stringify({ text: e.text, concerns: e.concerns, lang: e.lang })).join('\n') +
    (examples.length ? '\n' : '')
  );
}
