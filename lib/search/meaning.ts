import { compileTaxonomy, detect, type ConcernMatcher, type Taxonomy } from '../concerns';
import { normalize as normalizeMessage } from '../concerns/normalize';
import { termString } from '../concerns/taxonomy';
import { createSearchIndex, search, type MatchKind, type SearchIndex, type TermMeaning } from './index';
import { CONCERN_SYNONYMS } from './synonyms';

/**
 * What a search term means, for finding answers by meaning rather than by letters: `退款` and
 * `退货` find the 退换 answer, `多久到` the shipping answer, `过敏` the skin-safety answer, though
 * none of those words is in the template. A term means a concern when
 *  - the concern detector finds it in the term (the same detector, rules and model that read
 *    buyers' messages, so a search typed like a buyer's question works: `这个退货怎么弄`);
 *  - it contains one of the concern's words — the synonym table (synonyms.ts) and the taxonomy's
 *    keywords and phrases the supervisor edits — or is the start of one (`退换` of `退换货`);
 *  - it is the pinyin of one of those words (`tuihuo`), or their initials from three letters on.
 * Items carry the concerns they answer as tags (`concern:<id>`, {@link concernTag}).
 */

export const concernTag = (concern: string): string => `concern:${concern}`;

/** How sure each way of finding a meaning is. */
const WEIGHT = { detected: 1, word: 0.95, wordStart: 0.8, pinyin: 0.7, initials: 0.6 } as const;

/** Words shorter than this are matched only when the whole term is the word (`券` inside any text would mean price). */
const MIN_CONTAINED_WORD = 2;

export interface MeaningOptions {
  taxonomy: Taxonomy;
  /** The taxonomy compiled, when the caller has it already. */
  matcher?: ConcernMatcher;
  /** Defaults to {@link CONCERN_SYNONYMS}. */
  synonyms?: Readonly<Record<string, readonly string[]>>;
}

export type MeaningFinder = (term: string) => TermMeaning[];

const fold = (text: string) => normalizeMessage(text).text.trim();

/** Each enabled concern's words: synonyms first, then the taxonomy's keywords and phrases (not patterns), folded. */
export function concernWords(
  taxonomy: Taxonomy,
  synonyms: Readonly<Record<string, readonly string[]>> = CONCERN_SYNONYMS,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const concern of taxonomy.concerns) {
    if (!concern.enabled) continue;
    const words = new Set<string>();
    for (const w of synonyms[concern.id] ?? []) words.add(fold(w));
    for (const rules of Object.values(concern.rules)) {
      for (const term of [...(rules?.keywords ?? []), ...(rules?.phrases ?? [])]) words.add(fold(termString(term)));
    }
    words.delete('');
    out.set(concern.id, [...words]);
  }
  return out;
}

const PINYIN_KINDS: ReadonlySet<MatchKind> = new Set(['exact', 'prefix', 'pinyin']);
const LATIN = /^[a-z]{1,30}$/;
/** Latin terms shorter than this are shortcuts and initials (`th`, `cm`): the template search finds those by letters. */
const MIN_LATIN = 3;

/** Most terms a finder remembers (a search box asks again for every keystroke). */
const CACHE = 500;

export function createMeaningFinder(options: MeaningOptions): MeaningFinder {
  const matcher = options.matcher ?? compileTaxonomy(options.taxonomy);
  const words = concernWords(options.taxonomy, options.synonyms);
  const ids = [...words.keys()];
  // One item per concern, one field per word: a word's pinyin never runs into the next word's.
  let pinyin: SearchIndex | null = null;
  const pinyinIndex = () => (pinyin ??= createSearchIndex(ids.map((id) => ({ id, fields: words.get(id)! }))));
  const cache = new Map<string, TermMeaning[]>();

  const find = (term: string): TermMeaning[] => {
    const best = new Map<string, number>();
    const note = (concern: string, weight: number) => {
      if (weight > (best.get(concern) ?? 0)) best.set(concern, weight);
    };
    const folded = fold(term);
    if (!folded) return [];
    // In the order the buyer-style term raises them: `这个退货怎么弄` is about returns first.
    detect(term, matcher).forEach((d, i) => note(d.concern, WEIGHT.detected - i * 0.01));
    for (const [concern, list] of words) {
      for (const w of list) {
        if (folded === w || (w.length >= MIN_CONTAINED_WORD && folded.includes(w))) note(concern, WEIGHT.word);
        else if (folded.length >= (LATIN.test(folded) ? MIN_LATIN : MIN_CONTAINED_WORD) && w.startsWith(folded))
          note(concern, WEIGHT.wordStart);
      }
    }
    if (LATIN.test(folded) && folded.length >= MIN_LATIN) {
      // Only from the start of a word, and initials only one letter a character: `tuihuo`, `thh`.
      for (const hit of search(pinyinIndex(), folded, Number.POSITIVE_INFINITY, { typos: false })) {
        const m = hit.matches[0]!;
        if (m.start !== 0) continue;
        if (PINYIN_KINDS.has(m.kind)) note(hit.id, WEIGHT.pinyin);
        else if (m.kind === 'initials' && m.end - m.start === folded.length) note(hit.id, WEIGHT.initials);
      }
    }
    return [...best].map(([concern, weight]) => ({ tag: concernTag(concern), weight }));
  };

  return (term) => {
    let hit = cache.get(term);
    if (!hit) {
      hit = find(term);
      if (cache.size >= CACHE) cache.delete(cache.keys().next().value!);
      cache.set(term, hit);
    }
    return hit;
  };
}
