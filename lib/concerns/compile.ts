import type { Locale } from '../schemas/common';
import { AhoCorasick } from './aho';
import { defaultModel } from './default-model';
import { defaultTaxonomy } from './defaults/index';
import { DEFAULT_SETTLED, DEFAULT_YIELDS, type ConcernYield } from './defaults/yields';
import type { ConcernModel } from './model';
import { stem, tokenize, TypoIndex } from './english';
import { CLAUSE_STARTERS, CLOSING_EN, CLOSING_ZH, DOUBT_WORDS_EN, QUESTION_WORDS_ZH } from './markers';
import { normalizeTerm } from './normalize';
import { termString, termWeight, type Taxonomy, type Term } from './taxonomy';

export type RuleKind = 'keyword' | 'phrase' | 'pattern';

/** One supervisor-written rule, as the detector reports it. */
export interface RuleRef {
  concern: number;
  lang: Locale;
  kind: RuleKind;
  /** The rule as the supervisor wrote it. */
  term: string;
  /** Term weight × concern weight. */
  weight: number;
  /**
   * The shop's own rule: not in the default taxonomy the learned model was trained with (added, or
   * reweighted, by a supervisor). Its hits count as written; the model can only confirm default rules.
   */
  own: boolean;
}

/** A literal looked up character by character (Chinese, or mixed text such as "s码"). */
export type CharEntry =
  | { t: 'term'; rule: RuleRef; typo?: string; edges: Edges }
  | { t: 'anchor'; rule: RuleRef; rest: string[]; edges: Edges }
  | { t: 'exclusion'; concern: number; edges: Edges }
  | { t: 'settled'; concern: number; edges: Edges }
  | { t: 'question' | 'closing' | 'doubt' | 'starter'; edges: Edges };

/** Whether the first/last character is a letter or digit, so the match needs a word edge there. */
export interface Edges {
  start: boolean;
  end: boolean;
}

/** A rule over English words: stems in segments, any segment boundary is a `*` gap. */
export interface WordRule {
  rule: RuleRef;
  segments: string[][];
}

export interface CompiledConcern {
  id: string;
  names: { 'zh-CN': string; 'zh-TW': string; en: string };
}

/** A taxonomy compiled once for fast repeated detection. Treat as opaque outside lib/concerns. */
export interface ConcernMatcher {
  readonly concerns: readonly CompiledConcern[];
  readonly minScore: number;
  readonly chars: AhoCorasick<CharEntry>;
  readonly words: ReadonlyMap<string, WordRule[]>;
  readonly wordExclusions: ReadonlyMap<string, { concern: number; segments: string[][] }[]>;
  readonly typos: TypoIndex;
  /**
   * The learned model; per model concern the index of that concern here (-1: not in this taxonomy, or
   * disabled), and per concern here its index in the model (-1: the model does not know it).
   */
  readonly learned: { model: ConcernModel; concernIndex: Int32Array; modelIndex: Int32Array } | null;
  /** defaults/yields.ts, by concern index; terms normalised. */
  readonly yields: readonly {
    concern: number;
    to: readonly number[];
    terms: ReadonlySet<string>;
    toTerms: ReadonlySet<string> | null;
  }[];
}

export interface CompileOptions {
  /** The learned model to use with the rules: the shipped one unless given; `null` for rules alone. */
  model?: ConcernModel | null;
  /** When one concern's words only word another (defaults/yields.ts); the defaults unless given. */
  yields?: readonly ConcernYield[];
  /** Words that settle one concern in a clause that asks nothing (defaults/yields.ts); the defaults unless given. */
  settled?: Readonly<Record<string, readonly string[]>>;
}

/** Score factor for a hit that needed a typo correction. */
export const TYPO_FACTOR = 0.8;

const ALNUM = /^[a-z0-9]$/;
const WORDY = /^[a-z0-9' -]+$/;

function edgesOf(text: string): Edges {
  return { start: ALNUM.test(text[0] ?? ''), end: ALNUM.test(text[text.length - 1] ?? '') };
}

function toSegments(parts: string[]): string[][] {
  return parts.map((p) => tokenize(p).map((t) => t.stem));
}

type Kinds = [RuleKind, Term[]][];
const kindsOf = (rules: { keywords: Term[]; phrases: Term[]; patterns: Term[] }): Kinds => [
  ['keyword', rules.keywords],
  ['phrase', rules.phrases],
  ['pattern', rules.patterns],
];
const ruleKey = (concern: string, lang: string, kind: RuleKind, term: Term, concernWeight: number) =>
  `${concern}|${lang}|${kind}|${normalizeTerm(termString(term))}|${termWeight(term) * concernWeight}`;

let defaultRules: Set<string> | undefined;
/** Every rule of the default taxonomy, as `ruleKey`s. */
function defaultRuleKeys(): Set<string> {
  if (defaultRules) return defaultRules;
  defaultRules = new Set();
  for (const concern of defaultTaxonomy().concerns) {
    for (const [lang, rules] of Object.entries(concern.rules)) {
      if (!rules) continue;
      for (const [kind, terms] of kindsOf(rules))
        for (const term of terms) defaultRules.add(ruleKey(concern.id, lang, kind, term, concern.weight));
    }
  }
  return defaultRules;
}

export function compileTaxonomy(taxonomy: Taxonomy, options: CompileOptions = {}): ConcernMatcher {
  const chars = new AhoCorasick<CharEntry>();
  const words = new Map<string, WordRule[]>();
  const wordExclusions = new Map<string, { concern: number; segments: string[][] }[]>();
  const typos = new TypoIndex();
  const concerns: CompiledConcern[] = [];
  const seen = new Set<string>();
  const literals: { text: string; rule: RuleRef }[] = [];

  const addWords = <V>(map: Map<string, V[]>, segments: string[][], value: V) => {
    const first = segments[0]?.[0];
    if (first === undefined) return;
    let list = map.get(first);
    if (!list) map.set(first, (list = []));
    list.push(value);
  };

  const addRule = (rule: RuleRef) => {
    const parts = rule.term.split(rule.kind === 'pattern' ? '*' : '\u0000').map(normalizeTerm);
    if (parts.some((p) => p === '')) return;
    const wordy = parts.every((p) => WORDY.test(p));
    const segments = wordy ? toSegments(parts) : [];
    // One rule per concern and matched form: "size", "sizes" and "sizing" are one English rule.
    const key = `${rule.concern}|${wordy ? segments.map((s) => s.join(' ')).join('*') : parts.join('*')}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (wordy) {
      if (segments.some((s) => s.length === 0)) return;
      for (const part of parts) for (const token of tokenize(part)) typos.add(token.word, stem(token.word));
      addWords(words, segments, { rule, segments });
    } else if (parts.length === 1) {
      literals.push({ text: parts[0]!, rule });
      chars.add(parts[0]!, { t: 'term', rule, edges: edgesOf(parts[0]!) });
    } else {
      chars.add(parts[0]!, { t: 'anchor', rule, rest: parts.slice(1), edges: edgesOf(parts[0]!) });
    }
  };

  taxonomy.concerns.forEach((concern) => {
    if (!concern.enabled) return;
    const index = concerns.length;
    concerns.push({ id: concern.id, names: concern.names });
    for (const [lang, rules] of Object.entries(concern.rules) as [Locale, (typeof concern.rules)[Locale]][]) {
      if (!rules) continue;
      for (const [kind, terms] of kindsOf(rules)) {
        for (const term of terms) {
          const own = !defaultRuleKeys().has(ruleKey(concern.id, lang, kind, term, concern.weight));
          addRule({
            concern: index,
            lang,
            kind,
            term: termString(term),
            weight: termWeight(term) * concern.weight,
            own,
          });
        }
      }
      for (const exclusion of rules.exclusions) {
        const text = normalizeTerm(exclusion);
        if (!text) continue;
        if (WORDY.test(text)) {
          const segments = toSegments([text]);
          if (segments[0]!.length > 0) addWords(wordExclusions, segments, { concern: index, segments });
        } else chars.add(text, { t: 'exclusion', concern: index, edges: edgesOf(text) });
      }
    }
  });

  addTypoVariants(taxonomy.typos, literals, chars);

  const indexOf = (id: string) => concerns.findIndex((c) => c.id === id);
  for (const [id, words] of Object.entries(options.settled ?? DEFAULT_SETTLED)) {
    const concern = indexOf(id);
    if (concern < 0) continue;
    for (const word of words) {
      const text = normalizeTerm(word);
      if (text) chars.add(text, { t: 'settled', concern, edges: edgesOf(text) });
    }
  }
  const yields: ConcernMatcher['yields'] = (options.yields ?? DEFAULT_YIELDS)
    .map((y) => ({
      concern: indexOf(y.concern),
      to: y.to.map(indexOf).filter((i) => i >= 0),
      terms: new Set(y.terms.map(normalizeTerm).filter(Boolean)),
      toTerms: y.toTerms ? new Set(y.toTerms.map(normalizeTerm).filter(Boolean)) : null,
    }))
    .filter((y) => y.concern >= 0 && y.to.length > 0);

  const markers: [CharEntry['t'], string[]][] = [
    ['question', QUESTION_WORDS_ZH],
    ['closing', [...CLOSING_ZH, ...CLOSING_EN]],
    ['doubt', DOUBT_WORDS_EN],
    ['starter', CLAUSE_STARTERS],
  ];
  for (const [t, list] of markers) {
    for (const word of list) {
      const text = normalizeTerm(word);
      chars.add(text, { t, edges: edgesOf(text) } as CharEntry);
    }
  }
  chars.build();
  const model = options.model === undefined ? defaultModel() : options.model;
  let learned: ConcernMatcher['learned'] = null;
  if (model) {
    // The model knows the default concerns by id; a concern the supervisor disabled or weighted 0 stays off,
    // and one the supervisor added is found by its rules alone.
    const usable = new Map(
      taxonomy.concerns
        .filter((c) => c.enabled && c.weight > 0)
        .map((c) => [c.id, concerns.findIndex((k) => k.id === c.id)]),
    );
    const concernIndex = Int32Array.from(model.concerns, (id) => usable.get(id) ?? -1);
    const modelIndex = Int32Array.from(concerns, (c) => (usable.has(c.id) ? model.concerns.indexOf(c.id) : -1));
    if (concernIndex.some((i) => i >= 0)) learned = { model, concernIndex, modelIndex };
  }
  return { concerns, minScore: taxonomy.minScore, chars, words, wordExclusions, typos, learned, yields };
}

/** Each Chinese keyword/phrase also matches with one common misspelling swapped in (尺码 → 尺吗). */
function addTypoVariants(
  table: Record<string, string[]>,
  literals: { text: string; rule: RuleRef }[],
  chars: AhoCorasick<CharEntry>,
) {
  const known = new Set(literals.map((l) => l.text));
  const pairs = Object.entries(table).flatMap(([correct, wrongs]) =>
    wrongs
      .map((wrong) => [normalizeTerm(correct), normalizeTerm(wrong)] as const)
      .filter(([c, w]) => c && w && c !== w),
  );
  const added = new Set<string>();
  for (const { text, rule } of literals) {
    for (const [correct, wrong] of pairs) {
      for (let at = text.indexOf(correct); at >= 0; at = text.indexOf(correct, at + 1)) {
        const variant = text.slice(0, at) + wrong + text.slice(at + correct.length);
        const key = `${rule.concern}|${variant}`;
        if (known.has(variant) || added.has(key)) continue;
        added.add(key);
        chars.add(variant, { t: 'term', rule, typo: variant, edges: edgesOf(variant) });
      }
    }
  }
}
