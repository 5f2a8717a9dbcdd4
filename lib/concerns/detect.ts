import { compileTaxonomy, TYPO_FACTOR, type CharEntry, type ConcernMatcher, type Edges, type RuleRef, type WordRule } from './compile';
import type { Token } from './english';
import { tokenize } from './english';
import { isHardBoundary, normalize } from './normalize';
import { analyseClauses, type ClauseInfo } from './clauses';
import { PATTERN_GAP_CHARS, PATTERN_GAP_WORDS, type Taxonomy } from './taxonomy';

/** One concern found in a message. */
export interface Detection {
  /** Concern id, e.g. `size`. */
  concern: string;
  /** The strongest rule that fired, e.g. `zh-CN keyword "尺码" ~ "尺吗"` (after `~`: the typo it forgave). */
  rule: string;
  /** Sum of the weights of the concern's hits in the message (typo hits count 0.8). */
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
        if (text.charCodeAt(r + gap) === first && text.startsWith(part, r + gap) && !next.includes(r + gap + part.length)) next.push(r + gap + part.length);
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
function matchWords(tokens: Token[], alts: string[][], hardAt: Int32Array, i: number, segments: string[][], seg: number, typo: string[]): number {
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
  const markers: { t: Exclude<CharEntry['t'], 'term' | 'anchor' | 'exclusion'>; start: number; end: number }[] = [];

  matcher.chars.search(text, (entry, start, end) => {
    if (!edgesOk(text, start, end, entry.edges)) return;
    if (entry.t === 'term') {
      hits.push({ rule: entry.rule, start, end, score: entry.rule.weight * (entry.typo ? TYPO_FACTOR : 1), ...(entry.typo ? { typo: entry.typo } : {}) });
    } else if (entry.t === 'anchor') {
      const stop = matchRest(text, end, entry.rest);
      if (stop >= 0) hits.push({ rule: entry.rule, start, end: stop, score: entry.rule.weight });
    } else if (entry.t === 'exclusion') {
      exclusions.push({ concern: entry.concern, start, end });
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
  return { hits, exclusions, markers, tokens };
}

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
      if (g.rule.concern !== h.rule.concern && g.start <= h.start && g.end >= h.end && (g.start < h.start || g.end > h.end)) return false;
    }
    return true;
  });
}

/** A hit is dropped when its clause closes the topic and asks nothing (rule documented in markers.ts). */
function closed(h: Hit, clauses: ClauseInfo): boolean {
  const first = clauses.clauseOf[h.start]!;
  const last = clauses.clauseOf[Math.max(h.start, h.end - 1)]!;
  let closing = false;
  for (let c = first; c <= last; c++) {
    if (clauses.question[c]) return false;
    if (clauses.closing[c]) closing = true;
  }
  const after = last + 1;
  if (after < clauses.count && clauses.closing[after] && !clauses.question[after] && !clauses.hasHit[after]) closing = true;
  return closing;
}

function describe(hit: Hit): string {
  const base = `${hit.rule.lang} ${hit.rule.kind} "${hit.rule.term}"`;
  return hit.typo ? `${base} ~ "${hit.typo}"` : base;
}

/** Every hit that survives exclusions, containment and the negation rule (for highlighting). */
export function detectHits(text: string, matcher: ConcernMatcher): Hit[] {
  if (!text) return [];
  const norm = normalize(text);
  const { hits, exclusions, markers, tokens } = collect(norm.text, matcher);
  if (hits.length === 0) return [];
  const kept = prune(hits, exclusions);
  const clauses = analyseClauses(norm, markers, tokens, kept);
  return kept
    .filter((h) => !closed(h, clauses))
    .map((h) => ({ ...h, start: norm.start[h.start]!, end: norm.end[h.end - 1]! }));
}

/** Concerns raised by one buyer message, in order of first appearance. */
export function detect(text: string, matcher: ConcernMatcher): Detection[] {
  const byConcern = new Map<number, Hit[]>();
  for (const hit of detectHits(text, matcher)) {
    const list = byConcern.get(hit.rule.concern);
    if (list) list.push(hit);
    else byConcern.set(hit.rule.concern, [hit]);
  }
  const detections: Detection[] = [];
  for (const [concern, list] of byConcern) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    // Overlapping hits of one concern are one piece of evidence: count the strongest of them once.
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
    if (score + 1e-9 < matcher.minScore) continue;
    const best = list.reduce((a, b) => (b.score > a.score ? b : a));
    detections.push({ concern: matcher.concerns[concern]!.id, rule: describe(best), score: Math.round(score * 100) / 100, span: [best.start, best.end] });
  }
  return detections.sort((a, b) => a.span[0] - b.span[0]);
}

const compiled = new WeakMap<Taxonomy, ConcernMatcher>();

/** Convenience: compiles the taxonomy on first use and caches it per taxonomy object (replace, don't mutate). */
export function detectConcerns(text: string, taxonomy: Taxonomy): Detection[] {
  let matcher = compiled.get(taxonomy);
  if (!matcher) compiled.set(taxonomy, (matcher = compileTaxonomy(taxonomy)));
  return detect(text, matcher);
}
