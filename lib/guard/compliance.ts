import { normalize } from '../concerns/normalize';
import type { Platform } from '../schemas/common';
import type { ChatLimits } from './platform-limits';
import type { GuardDetector, GuardRules } from './rules';

/**
 * The compliance guard on text about to be sent: flagged words (极限词, claims, off-platform
 * contact), repeated replies and the platform's limits. It only reports; nothing is ever blocked
 * or sent because of it. Runs in the sidebar on text before it is inserted and in the console's
 * content script on what the agent types, so this module stays free of zod and the UI catalogue:
 * the caller resolves the rules for one platform with their names in the UI language
 * ({@link resolveGuard}) and the content script receives that plain object.
 *
 * Text is compared folded (lower case, half-width, Simplified Chinese, spaces between Chinese
 * characters dropped: `加 我 微 信` is `加我微信`), and hits are given back as offsets into the
 * original text.
 */

export interface ResolvedList {
  id: string;
  name: string;
  /** Folded. */
  words: string[];
  /** Folded. */
  except: string[];
  detect: GuardDetector[];
}

/** Names of the checks that are not word lists, in the UI language; `{n}` placeholders are filled in. */
export interface GuardNames {
  /** The same text as the last message. */
  repeat: string;
  /** `{count}` other buyers got the same text. */
  repeatBuyers: string;
  /** `{length}` of `{max}` characters. */
  tooLong: string;
  /** `{count}` messages in a row, `{max}` allowed. */
  tooMany: string;
  /** A list's finding with what matched: `{name}：{words}`. */
  hit: string;
  /** Between matched words (`、`) and between findings (`；`). */
  wordSeparator: string;
  findingSeparator: string;
}

/** The rules for one platform, ready to check text with; plain data (the content script receives it). */
export interface PlatformGuard {
  platform: Platform;
  lists: ResolvedList[];
  twiceInARow: boolean;
  /** Other buyers who may get the same text before it is flagged; null: not checked here. */
  maxBuyers: number | null;
  minRepeatChars: number;
  limits: ChatLimits;
  names: GuardNames;
  /**
   * Texts other buyers than the open one had within the repeat rule's window, by `textFingerprint`
   * (the sidebar adds them from the contact log, lib/db/contact-log.ts sameTextBuyers).
   */
  sameText?: { fingerprint: string; buyers: number }[];
}

export function resolveGuard(
  rules: GuardRules,
  platform: Platform,
  names: GuardNames,
  listName: (id: string) => string,
): PlatformGuard {
  const applies = (platforms: readonly Platform[]) => platforms.length === 0 || platforms.includes(platform);
  const folded = (words: readonly string[]) => [...new Set(words.map(fold).filter(Boolean))];
  return {
    platform,
    lists: rules.lists
      .filter((l) => l.enabled && applies(l.platforms) && (l.words.length > 0 || l.detect.length > 0))
      .map((l) => ({
        id: l.id,
        name: l.name || listName(l.id),
        words: folded(l.words),
        except: folded(l.except),
        detect: [...l.detect],
      })),
    twiceInARow: rules.repeat.twiceInARow,
    maxBuyers: applies(rules.repeat.buyersPlatforms) ? rules.repeat.maxBuyers : null,
    minRepeatChars: rules.repeat.minChars,
    limits: { ...(rules.limits[platform] ?? {}) },
    names,
  };
}

export interface ComplianceContext {
  /** The agent's last message in this conversation, as the console shows it. */
  lastAgentText?: string | null;
  /** Agent messages since the buyer last wrote, before this one. */
  agentMessagesInARow?: number;
  /** Other buyers who got this same text (by {@link textFingerprint}) recently. */
  sameTextBuyers?: number;
}

export interface GuardHit {
  /** The original text that matched. */
  text: string;
  start: number;
  end: number;
}

export type FindingKind = 'words' | 'repeat' | 'repeatBuyers' | 'tooLong' | 'tooMany';

export interface ComplianceFinding {
  /** The list id, or the check (`repeat`, `repeatBuyers`, `tooLong`, `tooMany`). */
  rule: string;
  kind: FindingKind;
  /** The rule's name with its numbers filled in, in the UI language. */
  name: string;
  /** For word lists: what matched, in order. */
  hits: GuardHit[];
}

const fold = (text: string) => normalize(text).text.trim();

/** Punctuation and spaces do not make two replies different. */
function squash(folded: string): string {
  return folded.replace(/[\s,.!?;:~"'()[\]|/\\\-_*#@]+/g, '');
}

/** The length the repeat checks compare with their `minChars`: folded, without spaces and punctuation. */
export function repeatLength(text: string): number {
  return squash(fold(text)).length;
}

/** A short stable key of a text as the repeat check compares it (folded, without spaces and punctuation). */
export function textFingerprint(text: string): string {
  const s = squash(fold(text));
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return `${(a >>> 0).toString(36)}${(b >>> 0).toString(36)}:${s.length}`;
}

const LATIN_WORD = /^[a-z0-9.]+$/;
const isAlnum = (code: number) => (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);

/** Built-in detectors, on folded text (lower case, half-width). Lookbehind keeps a number inside a longer one (an order id) out. */
const DETECTORS: Record<GuardDetector, RegExp[]> = {
  phone: [
    /(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]){8}(?![0-9])/g,
    /(?<![0-9])0[1-9][0-9]{1,2}-[0-9]{7,8}(?![0-9])/g,
  ],
  email: [/[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/g],
  // An account name or number right after the channel's name: 微信 abc123, vx:abc_123, qq 12345678.
  contactId: [
    /(?:微信|威信|薇信|vx|wx|v信|weixin|wechat|qq|扣扣|企鹅)(?:号|账号|id)?[ :=是]{0,2}(?<id>[a-z][a-z0-9_-]{5,19}|[1-9][0-9]{4,11})(?![a-z0-9_-])/g,
  ],
};

interface Span {
  start: number;
  end: number;
}

function occurrences(text: string, word: string, out: Span[]): void {
  const latin = LATIN_WORD.test(word);
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const end = at + word.length;
    if (latin && ((at > 0 && isAlnum(text.charCodeAt(at - 1))) || (end < text.length && isAlnum(text.charCodeAt(end)))))
      continue;
    out.push({ start: at, end });
  }
}

function listHits(folded: string, list: ResolvedList): Span[] {
  const found: Span[] = [];
  for (const w of list.words) occurrences(folded, w, found);
  for (const d of list.detect) {
    for (const re of DETECTORS[d]) {
      re.lastIndex = 0;
      for (let m = re.exec(folded); m; m = re.exec(folded)) {
        const id = m.groups?.id;
        const start = id !== undefined ? m.index + m[0].length - id.length : m.index;
        found.push({ start, end: m.index + m[0].length });
        if (m[0].length === 0) re.lastIndex++;
      }
    }
  }
  if (found.length === 0) return [];
  const exceptions: Span[] = [];
  for (const e of list.except) occurrences(folded, e, exceptions);
  const kept = found
    .filter((h) => !exceptions.some((e) => e.start < h.end && e.end > h.start))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  // One hit where several words overlap (加我 and 加我微信): the first, longest.
  const out: Span[] = [];
  for (const h of kept) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) last.end = Math.max(last.end, h.end);
    else out.push({ ...h });
  }
  return out;
}

const fill = (template: string, params: Record<string, number | string>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));

export function checkCompliance(text: string, guard: PlatformGuard, ctx: ComplianceContext = {}): ComplianceFinding[] {
  const out: ComplianceFinding[] = [];
  if (!text.trim()) return out;
  const norm = normalize(text);
  const folded = norm.text;
  for (const list of guard.lists) {
    const spans = listHits(folded, list);
    if (spans.length === 0) continue;
    const hits = spans.map((s) => {
      const start = norm.start[s.start]!;
      const end = norm.end[s.end - 1]!;
      return { text: text.slice(start, end), start, end };
    });
    out.push({ rule: list.id, kind: 'words', name: list.name, hits });
  }
  const squashed = squash(folded.trim());
  if (
    guard.twiceInARow &&
    ctx.lastAgentText &&
    squashed.length >= guard.minRepeatChars &&
    squash(fold(ctx.lastAgentText)) === squashed
  ) {
    out.push({ rule: 'repeat', kind: 'repeat', name: guard.names.repeat, hits: [] });
  }
  const others =
    ctx.sameTextBuyers ??
    (guard.maxBuyers !== null && guard.sameText?.length
      ? (guard.sameText.find((t) => t.fingerprint === textFingerprint(text))?.buyers ?? 0)
      : 0);
  if (guard.maxBuyers !== null && squashed.length >= guard.minRepeatChars && others >= guard.maxBuyers) {
    out.push({
      rule: 'repeatBuyers',
      kind: 'repeatBuyers',
      name: fill(guard.names.repeatBuyers, { count: others, max: guard.maxBuyers }),
      hits: [],
    });
  }
  // Code points, not UTF-16 units: an emoji is one character to the buyer.
  const length = [...text].length;
  const { maxChars, maxInARow } = guard.limits;
  if (maxChars !== undefined && length > maxChars)
    out.push({
      rule: 'tooLong',
      kind: 'tooLong',
      name: fill(guard.names.tooLong, { length, max: maxChars }),
      hits: [],
    });
  const inARow = ctx.agentMessagesInARow ?? 0;
  if (maxInARow !== undefined && inARow >= maxInARow)
    out.push({
      rule: 'tooMany',
      kind: 'tooMany',
      name: fill(guard.names.tooMany, { count: inARow, max: maxInARow }),
      hits: [],
    });
  return out;
}

/** Matched words shown per finding; the rest are left out of the line. */
const SHOWN_WORDS = 5;

/** One line for a marker or a tooltip: each finding's name with what matched, in the names' language. */
export function describeFindings(findings: readonly ComplianceFinding[], names: GuardNames): string {
  return findings
    .map((f) =>
      f.hits.length
        ? fill(names.hit, {
            name: f.name,
            words: [...new Set(f.hits.map((h) => h.text))].slice(0, SHOWN_WORDS).join(names.wordSeparator),
          })
        : f.name,
    )
    .join(names.findingSeparator);
}
