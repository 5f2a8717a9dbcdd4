import { z } from 'zod';
import { LocaleSchema } from '../schemas/common';

/**
 * The concern taxonomy: which buyer concerns exist and the words that reveal them.
 * Supervisors edit it, so the rule language stays small and cannot hurt the matcher:
 * plain keywords and phrases, plus patterns whose only special character is `*`
 * ("up to 6 characters" in Chinese, "up to 3 words" in English, never across a sentence end).
 * Nothing a supervisor writes is compiled into a RegExp.
 */

/** Longest keyword, phrase, pattern or exclusion, in characters. Keeps matching work per position bounded. */
export const MAX_TERM_LENGTH = 40;
/** Most `*` a pattern may hold. */
export const MAX_PATTERN_WILDCARDS = 3;
/** What one `*` may skip: characters in Chinese text, words in English text. */
export const PATTERN_GAP_CHARS = 6;
export const PATTERN_GAP_WORDS = 3;

export const ConcernIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'concern_badId');
export type ConcernId = z.infer<typeof ConcernIdSchema>;

const termText = z.string().trim().min(1, 'concern_emptyTerm').max(MAX_TERM_LENGTH, 'concern_termTooLong');

/** A keyword, phrase or pattern: the text alone (weight 1), or with its own weight. */
export const TermSchema = z.union([termText, z.object({ text: termText, weight: z.number().min(0).max(5) })]);
export type Term = z.infer<typeof TermSchema>;

/** Why a pattern is unusable, as a catalogue key; `null` when it is fine. */
export function patternProblem(
  pattern: string,
): 'concern_patternWildcardEdge' | 'concern_patternEmptyPart' | 'concern_patternTooManyWildcards' | null {
  const parts = pattern.split('*');
  if (parts.length - 1 > MAX_PATTERN_WILDCARDS) return 'concern_patternTooManyWildcards';
  if (parts[0]!.trim() === '' || parts[parts.length - 1]!.trim() === '') return 'concern_patternWildcardEdge';
  if (parts.some((p) => p.trim() === '')) return 'concern_patternEmptyPart';
  return null;
}

const PatternSchema = TermSchema.superRefine((term, ctx) => {
  const problem = patternProblem(typeof term === 'string' ? term : term.text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The rules of one language. All lists may be empty. */
export const RuleSetSchema = z.object({
  /** Words or short terms; in English matched by word with plural/-ed/-ing folding and one-letter typos. */
  keywords: z.array(TermSchema).default([]),
  /** Longer expressions, matched the same way as keywords. */
  phrases: z.array(TermSchema).default([]),
  /** Expressions with `*` gaps, e.g. `什么时候*发货`, `when * ship`. */
  patterns: z.array(PatternSchema).default([]),
  /** Text that, where it overlaps a hit of this concern, cancels the hit (放假 cancels 假的). */
  exclusions: z.array(termText).default([]),
});
export type RuleSet = z.infer<typeof RuleSetSchema>;

export const ConcernNamesSchema = z.object({
  'zh-CN': z.string().min(1),
  'zh-TW': z.string().min(1),
  en: z.string().min(1),
});

export const ConcernSchema = z.object({
  id: ConcernIdSchema,
  names: ConcernNamesSchema,
  enabled: z.boolean().default(true),
  /** Multiplies every rule weight of this concern. */
  weight: z.number().min(0).max(5).default(1),
  rules: z.partialRecord(LocaleSchema, RuleSetSchema).default({}),
});
export type Concern = z.infer<typeof ConcernSchema>;

export const TaxonomySchema = z
  .object({
    version: z.literal(1),
    /** A concern is reported once the weights of its hits in a message add up to this. */
    minScore: z.number().min(0.01).max(100).default(0.5),
    /**
     * Common homophone typos, correct text → misspellings (尺码 → 尺吗). Every Chinese keyword and phrase
     * containing the correct text also matches with one misspelling swapped in, at a lower score.
     */
    typos: z.record(z.string().min(1).max(8), z.array(z.string().min(1).max(8)).max(10)).default({}),
    concerns: z.array(ConcernSchema).max(200),
  })
  .superRefine((taxonomy, ctx) => {
    const seen = new Set<string>();
    taxonomy.concerns.forEach((concern, index) => {
      if (seen.has(concern.id))
        ctx.addIssue({ code: 'custom', message: 'concern_duplicateId', path: ['concerns', index, 'id'] });
      seen.add(concern.id);
    });
  });
export type Taxonomy = z.infer<typeof TaxonomySchema>;
/** A taxonomy as written by hand or stored: defaults not yet filled in. */
export type TaxonomyInput = z.input<typeof TaxonomySchema>;

/** Validate a stored or imported taxonomy. Issue messages are catalogue keys (`concern_*`). */
export function parseTaxonomy(input: unknown) {
  return TaxonomySchema.safeParse(input);
}

export function termString(term: Term): string {
  return typeof term === 'string' ? term : term.text;
}

export function termWeight(term: Term): number {
  return typeof term === 'string' ? 1 : term.weight;
}
