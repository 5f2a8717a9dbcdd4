import {
  checkBeforeInsert,
  guardListName,
  guardNames,
  resolveGuard,
  textFingerprint,
  type ChatLimits,
  type GuardRules,
  type GuardWarning,
  type PlatformGuard,
  type RepeatRule,
} from '../guard';
import type { OutreachKey } from '../i18n/catalog/outreach';
import type { ResolvedCoupon } from '../coupons';
import type { Platform, UiLocale } from '../schemas/common';
import type { ConsoleMessage } from '../schemas/messages';
import type { AppSettings } from '../settings/app';
import type { RankedTemplate } from '../templates';
import type { ConversationFacts } from './suggest';

/** Agent messages since the buyer last wrote: the console's own count of "in a row". */
export function agentMessagesInARow(messages: readonly ConsoleMessage[]): number {
  let n = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const author = messages[i]!.author;
    if (author === 'buyer') break;
    if (author === 'agent') n++;
  }
  return n;
}

export interface InsertCheck {
  blocks: GuardWarning[];
  warns: GuardWarning[];
}

/** The repeat rule and the texts other buyers had recently (SuggestionContext.sameText). */
export interface SameTextFacts {
  rule: RepeatRule;
  recent: readonly { fingerprint: string; buyers: number }[];
}

/**
 * The send guard on a text about to go into this conversation's input, at `now`.
 * `limits`: the supervisor's for this platform (the playbook's send check); the product's defaults otherwise.
 * `sameText`: for the many-buyers check, the other buyers who had this very text (by its fingerprint).
 */
export function guardFor(
  text: string,
  facts: Pick<ConversationFacts, 'platform' | 'messages'>,
  coupon: ResolvedCoupon | null,
  now: number,
  settings: Pick<AppSettings, 'timeZone'>,
  limits?: ChatLimits,
  sameText?: SameTextFacts | null,
): InsertCheck {
  const fingerprint = sameText ? textFingerprint(text) : '';
  const all = checkBeforeInsert({
    text,
    platform: facts.platform,
    blanksUnfilled: 0,
    coupon,
    now,
    // Consoles show no reliable time on messages; the reply window is checked where they do.
    lastBuyerMessageAt: null,
    agentMessagesInARow: agentMessagesInARow(facts.messages),
    timeZone: settings.timeZone,
    ...(limits ? { limits } : {}),
    ...(sameText
      ? {
          sameText: {
            rule: sameText.rule,
            buyers: sameText.recent.find((r) => r.fingerprint === fingerprint)?.buyers ?? 0,
          },
        }
      : {}),
  });
  return { blocks: all.filter((w) => w.severity === 'block'), warns: all.filter((w) => w.severity === 'warn') };
}

/** A capped template still offered: the cap, as a warning the agent confirms before inserting. */
export function capWarnings(ranked: RankedTemplate | undefined): GuardWarning[] {
  const cap = ranked?.capped ? ranked.reason.find((p) => p.kind === 'capped') : undefined;
  return cap && cap.kind === 'capped'
    ? [{ code: cap.code as OutreachKey, params: cap.params ?? {}, severity: 'warn' }]
    : [];
}

/**
 * The send check the console's content script marks typed and inserted text with, for this
 * platform, named in the UI language; with the texts other buyers had recently, so the marker
 * also names a text sent to many buyers. Never blocking, never sending.
 */
export function consoleGuard(
  rules: GuardRules,
  platform: Platform,
  locale: UiLocale,
  sameText: readonly { fingerprint: string; buyers: number }[] | null,
): PlatformGuard {
  return {
    ...resolveGuard(rules, platform, guardNames(locale), (id) => guardListName(id, locale)),
    sameText: [...(sameText ?? [])],
  };
}
