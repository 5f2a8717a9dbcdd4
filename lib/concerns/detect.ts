import {
  compileTaxonomy,
  TYPO_FACTOR,
  type CharEntry,
  type ConcernMatcher,
  type Edges,
  type RuleRef,
  type WordRule,
} from './compile';
import type { Token } from './english';
import { tokenize } from './english';
import { readMessage, ruleFeature, weakRuleFeature, type ConcernModel, type ModelReading } from './model';
import { NEGATORS_ZH } from './markers';
import { isCjk, isHardBoundary, normalize, normalizeTerm, type Normalized } from './normalize';
import { analyseClauses, type ClauseInfo } from './clauses';
import { PATTERN_GAP_CHARS, PATTERN_GAP_WORDS, type Taxonomy } from './taxonomy';

/** One concern found in a message. */
export interface Detection {
  /** Concern id, e.g. `size`. */
  concern: string;
  /**
   * The strongest rule that fired, e.g. `zh-CN keyword "尺码" ~ "尺吗"` (after `~`: the typo it forgave),
   * or, when only the learned model found it, `model "怎么弄" p=0.83` (its strongest n-gram and probability).
   */
  rule: string;
  /** Sum of the weights of the concern's hits in the message (typo hits count 0.8); for the model, its probability. */
  score: number;
  /** Where that rule matched, as UTF-16 offsets [start, end) into the original text. */
  span: [number, number];
}

/** One rule match, offsets in the normalised text. */
export interface Hit {
  rule: RuleRef;
  start: number;
  end: number;
  score: number;
  typo?: string;
}

const isAlnum = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

function edgesOk(text: string, start: number, end: number, edges: Edges): boolean {
  if (edges.start && start > 0 && isAlnum(text.charCodeAt(start - 1))) return false;
  if (edges.end && end < text.length && isAlnum(text.charCodeAt(end))) return false;
  return true;
}

/** End of the rest of a pattern after its first part ends at `from`, or -1. Gaps never cross punctuation. */
function matchRest(text: string, from: number, rest: string[]): number {
  // Positions reachable after each part; at most (PATTERN_GAP_CHARS + 1) × parts of them, so this is bounded work.
  let reachable = [from];
  for (const part of rest) {
    const first = part.charCodeAt(0);
    const next: number[] = [];
    for (const r of reachable) {
      for (let gap = 0; gap <= PATTERN_GAP_CHARS && r + gap < text.length; gap++) {
        if (gap > 0 && isHardBoundary(text.charCodeAt(r + gap - 1))) break;
        if (
          text.charCodeAt(r + gap) === first &&
          text.startsWith(part, r + gap) &&
          !next.includes(r + gap + part.length)
        )
          next.push(r + gap + part.length);
      }
    }
    if (next.length === 0) return -1;
    reachable = next.sort((a, b) => a - b);
  }
  const last = rest[rest.length - 1]!;
  const needsEdge = isAlnum(last.charCodeAt(last.length - 1));
  return reachable.find((end) => !needsEdge || end >= text.length || !isAlnum(text.charCodeAt(end))) ?? -1;
}

/** Token index just past a match of `segments` starting at token `i`, or -1; `typo` collects forgiven words. */
function matchWords(
  tokens: Token[],
  alts: string[][],
  hardAt: Int32Array,
  i: number,
  segments: string[][],
  seg: number,
  typo: string[],
): number {
  const words = segments[seg]!;
  for (let k = 0; k < words.length; k++) {
    const token = tokens[i + k];
    if (!token || !alts[i + k]!.includes(words[k]!)) return -1;
    if (k > 0 && hardAt[token.start] !== hardAt[tokens[i]!.start]) return -1;
    if (token.stem !== words[k]) typo.push(token.word);
  }
  const end = i + words.length;
  if (seg + 1 === segments.length) return end;
  for (let gap = 0; gap <= PATTERN_GAP_WORDS && end + gap < tokens.length; gap++) {
    if (hardAt[tokens[end + gap]!.start] !== hardAt[tokens[end - 1]!.start]) break;
    const mark = typo.length;
    const found = matchWords(tokens, alts, hardAt, end + gap, segments, seg + 1, typo);
    if (found >= 0) return found;
    typo.length = mark;
  }
  return -1;
}

/** Every rule hit in normalised text, plus exclusion spans and clause markers. */
function collect(text: string, matcher: ConcernMatcher) {
  const hits: Hit[] = [];
  const exclusions: { concern: number; start: number; end: number }[] = [];
  const settled: Span[] = [];
  const markers: Marker[] = [];

  matcher.chars.search(text, (entry, start, end) => {
    if (!edgesOk(text, start, end, entry.edges)) return;
    if (entry.t === 'term') {
      hits.push({
        rule: entry.rule,
        start,
        end,
        score: entry.rule.weight * (entry.typo ? TYPO_FACTOR : 1),
        ...(entry.typo ? { typo: entry.typo } : {}),
      });
    } else if (entry.t === 'anchor') {
      const stop = matchRest(text, end, entry.rest);
      if (stop >= 0) hits.push({ rule: entry.rule, start, end: stop, score: entry.rule.weight });
    } else if (entry.t === 'exclusion') {
      exclusions.push({ concern: entry.concern, start, end });
    } else if (entry.t === 'settled') {
      // "没收到快递" does not settle anything.
      const negated =
        isCjk(text.charCodeAt(start)) && [1, 2].some((k) => start - k >= 0 && NEGATORS_ZH.has(text.charAt(start - k)));
      if (!negated) settled.push({ concern: entry.concern, start, end });
    } else {
      markers.push({ t: entry.t, start, end });
    }
  });

  // hardAt[i]: how many hard punctuation marks precede i, so equal values mean "same sentence".
  const hardAt = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) hardAt[i + 1] = hardAt[i]! + (isHardBoundary(text.charCodeAt(i)) ? 1 : 0);

  const tokens = tokenize(text);
  if (tokens.length > 0) {
    const alts = tokens.map((t) => [t.stem, ...matcher.typos.near(t)]);
    const exact = tokens.map((t) => [t.stem]);
    tokens.forEach((token, i) => {
      for (const alt of alts[i]!) {
        for (const wr of matcher.words.get(alt) ?? []) addWordHit(hits, tokens, alts, hardAt, i, wr);
      }
      for (const ex of matcher.wordExclusions.get(token.stem) ?? []) {
        const stop = matchWords(tokens, exact, hardAt, i, ex.segments, 0, []);
        if (stop >= 0) exclusions.push({ concern: ex.concern, start: token.start, end: tokens[stop - 1]!.end });
      }
    });
  }
  return { hits, exclusions, settled, markers, tokens };
}

/** A concern's span: an exclusion, or a word that settles it (defaults/yields.ts). */
type Span = { concern: number; start: number; end: number };

function addWordHit(hits: Hit[], tokens: Token[], alts: string[][], hardAt: Int32Array, i: number, wr: WordRule) {
  const typo: string[] = [];
  const stop = matchWords(tokens, alts, hardAt, i, wr.segments, 0, typo);
  if (stop < 0) return;
  hits.push({
    rule: wr.rule,
    start: tokens[i]!.start,
    end: tokens[stop - 1]!.end,
    score: wr.rule.weight * (typo.length > 0 ? TYPO_FACTOR : 1),
    ...(typo.length > 0 ? { typo: typo.join(' ') } : {}),
  });
}

/** Drop hits cancelled by an exclusion of their concern, or lying inside a longer hit of another concern. */
function prune(hits: Hit[], exclusions: { concern: number; start: number; end: number }[]): Hit[] {
  exclusions.sort((a, b) => a.start - b.start);
  const maxEx = exclusions.reduce((m, e) => Math.max(m, e.end - e.start), 0);
  const excluded = (h: Hit) => {
    // first exclusion that could overlap: start > h.start - maxEx
    let lo = 0;
    let hi = exclusions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (exclusions[mid]!.start <= h.start - maxEx) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < exclusions.length && exclusions[j]!.start < h.end; j++) {
      const e = exclusions[j]!;
      if (e.concern === h.rule.concern && e.end > h.start) return true;
    }
    return false;
  };
  const kept = hits.filter((h) => !excluded(h)).sort((a, b) => a.start - b.start || b.end - a.end);
  const maxLen = kept.reduce((m, h) => Math.max(m, h.end - h.start), 0);
  return kept.filter((h, k) => {
    for (let j = k - 1; j >= 0 && kept[j]!.start >= h.start - maxLen; j--) {
      const g = kept[j]!;
      if (
        g.rule.concern !== h.rule.concern &&
        g.start <= h.start &&
        g.end >= h.end &&
        (g.start < h.start || g.end > h.end)
      )
        return false;
    }
    return true;
  });
}

/** A hit is dropped when its clause closes the topic and asks nothing (rule documented in markers.ts). */
function closed(h: { start: number; end: number }, clauses: ClauseInfo): boolean {
  const first = clauses.clauseOf[h.start]!;
  const last = clauses.clauseOf[Math.max(h.start, h.end - 1)]!;
  let closing = false;
  for (let c = first; c <= last; c++) {
    if (clauses.question[c]) return false;
    if (clauses.closing[c]) closing = true;
  }
  const after = last + 1;
  if (after < clauses.count && clauses.closing[after] && !clauses.question[after] && !clauses.hasHit[after])
    closing = true;
  return closing;
}

/** A hit is dropped when its own clause, asking nothing, says its concern is settled ("快递到了，谢谢"). */
function settledIn(h: { concern: number; start: number }, settled: readonly Span[], clauses: ClauseInfo): boolean {
  const c = clauses.clauseOf[h.start]!;
  return !clauses.question[c] && settled.some((s) => s.concern === h.concern && clauses.clauseOf[s.start] === c);
}

function describe(hit: Hit): string {
  const base = `${hit.rule.lang} ${hit.rule.kind} "${hit.rule.term}"`;
  return hit.typo ? `${base} ~ "${hit.typo}"` : base;
}

interface Analysis {
  norm: Normalized;
  /** Rule hits that survive exclusions, containment and the negation rule; offsets in the normalised text. */
  hits: Hit[];
  exclusions: { concern: number; start: number; end: number }[];
  settled: Span[];
  clauses: ClauseInfo | null;
  markers: Marker[];
  tokens: Token[];
}

type Marker = { t: Exclude<CharEntry['t'], 'term' | 'anchor' | 'exclusion' | 'settled'>; start: number; end: number };

function analyse(text: string, matcher: ConcernMatcher): Analysis {
  const norm = normalize(text);
  const { hits, exclusions, settled, markers, tokens } = collect(norm.text, matcher);
  if (hits.length === 0) return { norm, hits, exclusions, settled, clauses: null, markers, tokens };
  const kept = prune(hits, exclusions);
  const clauses = analyseClauses(norm, markers, tokens, kept);
  const open = (h: Hit) =>
    !closed(h, clauses) && !settledIn({ concern: h.rule.concern, start: h.start }, settled, clauses);
  return { norm, hits: kept.filter(open), exclusions, settled, clauses, markers, tokens };
}

const toOriginal = (norm: Normalized, h: Hit): Hit => ({
  ...h,
  start: norm.start[h.start]!,
  end: norm.end[h.end - 1]!,
});

/** Every rule hit that survives exclusions, containment and the negation rule (for highlighting). */
export function detectHits(text: string, matcher: ConcernMatcher): Hit[] {
  if (!text) return [];
  const { norm, hits } = analyse(text, matcher);
  return hits.map((h) => toOriginal(norm, h));
}

interface RuleFinding {
  concern: number;
  score: number;
  best: Hit;
  /** A hit of a rule the shop wrote itself (RuleRef.own). */
  own: boolean;
  hits: Hit[];
}

/** Per concern with a hit: the summed score (overlapping hits count once, at their strongest). */
function ruleFindings(hits: Hit[]): RuleFinding[] {
  const byConcern = new Map<number, Hit[]>();
  for (const hit of hits) {
    const list = byConcern.get(hit.rule.concern);
    if (list) list.push(hit);
    else byConcern.set(hit.rule.concern, [hit]);
  }
  const out: RuleFinding[] = [];
  for (const [concern, list] of byConcern) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    let score = 0;
    let groupEnd = -1;
    let groupMax = 0;
    for (const h of list) {
      if (h.start >= groupEnd) {
        score += groupMax;
        groupMax = 0;
      }
      groupMax = Math.max(groupMax, h.score);
      groupEnd = Math.max(groupEnd, h.end);
    }
    score += groupMax;
    out.push({
      concern,
      score,
      best: list.reduce((a, b) => (b.score > a.score ? b : a)),
      own: list.some((h) => h.rule.own),
      hits: list,
    });
  }
  return out;
}

function featuresOf(findings: RuleFinding[], matcher: ConcernMatcher): string[] {
  return findings.map((f) => {
    const id = matcher.concerns[f.concern]!.id;
    return f.score + 1e-9 >= matcher.minScore ? ruleFeature(id) : weakRuleFeature(id);
  });
}

/** What the rules tell the learned model about a message (model.ts ruleFeature); for training. */
export function ruleFeatures(text: string, matcher: ConcernMatcher): string[] {
  return text ? featuresOf(ruleFindings(analyse(text, matcher).hits), matcher) : [];
}

function read(a: Analysis, findings: RuleFinding[], matcher: ConcernMatcher, model: ConcernModel): ModelReading {
  const all = featuresOf(findings, matcher);
  return readMessage(model, a.norm, (start, end) =>
    start === 0 && end === a.norm.text.length
      ? all
      : featuresOf(
          findings.filter((f) => f.hits.some((h) => h.start >= start && h.start < end)),
          matcher,
        ),
  );
}

/** The learned model's probabilities for a message, in the model's concern order (null without a model); for calibration. */
export function learnedProbabilities(text: string, matcher: ConcernMatcher): Float64Array | null {
  const learned = matcher.learned;
  if (!learned) return null;
  if (!text) return new Float64Array(learned.model.concerns.length);
  const a = analyse(text, matcher);
  return read(a, ruleFindings(a.hits), matcher, learned.model).probability;
}

/**
 * Concerns raised by one buyer message, in order of first appearance.
 *
 * The rules report a concern once its hits add up to the taxonomy's minScore. With the learned model
 * (ConcernMatcher.learned), the model then reads the message and the rules' findings: a concern the rules
 * report stays when the model agrees (its probability reaches the concern's keep threshold), when one of
 * its hits is the shop's own rule, or when all its hits are forgiven typos; a concern the rules
 * missed is added when the model is sure enough, its strongest n-gram passing the same exclusion and
 * closing tests as a rule hit.
 */
export function detect(text: string, matcher: ConcernMatcher): Detection[] {
  if (!text) return [];
  const a = analyse(text, matcher);
  const findings = ruleFindings(a.hits);
  const reported = findings.filter((f) => f.score + 1e-9 >= matcher.minScore);
  const fromRules = (f: RuleFinding): Detection => {
    const best = toOriginal(a.norm, f.best);
    return {
      concern: matcher.concerns[f.concern]!.id,
      rule: describe(best),
      score: Math.round(f.score * 100) / 100,
      span: [best.start, best.end],
    };
  };
  const learned = matcher.learned;
  if (!learned)
    return yieldTo(
      reported.map((f) => ({ concern: f.concern, detection: fromRules(f), words: wordsOf(f) })),
      matcher,
    );

  const id = (concern: number) => matcher.concerns[concern]!.id;
  const reading = read(a, findings, matcher, learned.model);
  const sure = (m: number) => reading.probability[m]! >= learned.model.threshold[m]!;
  const detections: Found[] = [];
  const done = new Set<number>();
  for (const f of reported) {
    const m = learned.modelIndex[f.concern]!;
    done.add(f.concern);
    // The model reads words as spelled, so it does not overrule a finding that rests only on forgiven typos ("stokc").
    const typosOnly = f.hits.every((h) => h.typo !== undefined);
    if (m < 0 || f.own || typosOnly || reading.probability[m]! >= learned.model.keep[m]!)
      detections.push({ concern: f.concern, detection: fromRules(f), words: wordsOf(f) });
  }
  let clauses = a.clauses;
  learned.concernIndex.forEach((concern, m) => {
    if (concern < 0 || done.has(concern) || !sure(m)) return;
    const gram = reading.evidence[m];
    if (!gram) return;
    if (a.exclusions.some((e) => e.concern === concern && e.start < gram.end && e.end > gram.start)) return;
    clauses ??= analyseClauses(a.norm, a.markers, a.tokens, a.hits);
    if (
      closed({ start: gram.start, end: gram.end }, clauses) ||
      settledIn({ concern, start: gram.start }, a.settled, clauses)
    )
      return;
    const p = reading.probability[m]!;
    detections.push({
      concern,
      detection: {
        concern: id(concern),
        rule: `model "${gram.key}" p=${p.toFixed(2)}`,
        score: Math.round(p * 100) / 100,
        span: [a.norm.start[gram.start]!, a.norm.end[gram.end - 1]!],
      },
      words: [gram.key.replace(/ /g, '')],
      model: true,
    });
  });
  return yieldTo(detections, matcher);
}

/** A detection before the yields; `words`: its hits' rules (normalised), or the model's strongest n-gram; null for a shop's own rule. */
interface Found {
  concern: number;
  detection: Detection;
  words: string[] | null;
  /** Found by the model alone: `words` holds its n-gram, which yields when it is part of a yielding word. */
  model?: boolean;
}

function wordsOf(f: RuleFinding): string[] | null {
  return f.own ? null : f.hits.map((h) => normalizeTerm(h.rule.term));
}

/** Drops a concern that only words another one the message raises (defaults/yields.ts); sorts by position. */
function yieldTo(found: Found[], matcher: ConcernMatcher): Detection[] {
  const within = (f: Found, terms: ReadonlySet<string>) =>
    f.words !== null &&
    f.words.length > 0 &&
    f.words.every((w) => terms.has(w) || (f.model === true && [...terms].some((t) => t.includes(w))));
  const leans = (f: Found, terms: ReadonlySet<string>) =>
    f.words !== null &&
    f.words.some((w) => terms.has(w) || (f.model === true && [...terms].some((t) => t.includes(w))));
  const kept = found.filter(
    (f) =>
      !matcher.yields.some(
        (y) =>
          y.concern === f.concern &&
          within(f, y.terms) &&
          found.some((g) => g !== f && y.to.includes(g.concern) && (y.toTerms === null || leans(g, y.toTerms))),
      ),
  );
  return kept.map((f) => f.detection).sort((x, y) => x.span[0] - y.span[0]);
}

const compiled = new WeakMap<Taxonomy, ConcernMatcher>();

/** Convenience: compiles the taxonomy on first use and caches it per taxonomy object (replace, don't mutate). */
export function detectConcerns(text: string, taxonomy: Taxonomy): Detection[] {
  let matcher = compiled.get(taxonomy);
  if (!matcher) compiled.set(taxonomy, (matcher = compileTaxonomy(taxonomy)));
  return detect(text, matcher);
}
