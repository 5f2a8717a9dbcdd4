import { z } from 'zod';
import { PlatformSchema } from '../schemas/common';
import { DEFAULT_GUARD_LISTS } from './default-lists';
import { DEFAULT_PLATFORM_LIMITS } from './platform-limits';

/**
 * The compliance guard's rules as the supervisor edits them and the playbook stores them (setting
 * `guardRules`; packs and the administrator's policy carry them): word lists per platform, the
 * repeated-reply check and each platform's limits. Everything a supervisor writes is a plain word
 * matched as text; the detectors for phone numbers, e-mail addresses and account ids are code,
 * switched on per list, so nothing typed here is compiled into a pattern.
 */

export const GUARD_WORD_MAX = 40;
export const GUARD_LIST_WORDS_MAX = 1000;

const Word = z.string().trim().min(1, 'guard_emptyWord').max(GUARD_WORD_MAX, 'guard_wordTooLong');

export const GuardDetectorSchema = z.enum(['phone', 'email', 'contactId']);
export type GuardDetector = z.infer<typeof GuardDetectorSchema>;

export const GuardListSchema = z.object({
  /** `absolute`, `contact`, …: built-in ids have names in the UI catalogue; any other id is the supervisor's. */
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'guard_badId'),
  /** Shown in the marker and the warning; '' = the built-in name of this id. */
  name: z.string().trim().max(40).default(''),
  enabled: z.boolean().default(true),
  /** Platforms the list applies to; empty = every platform. */
  platforms: z.array(PlatformSchema).max(PlatformSchema.options.length).default([]),
  words: z.array(Word).max(GUARD_LIST_WORDS_MAX).default([]),
  /** Text that cancels a hit of this list wherever the two overlap (第一次 cancels 第一). */
  except: z.array(Word).max(GUARD_LIST_WORDS_MAX).default([]),
  detect: z.array(GuardDetectorSchema).max(3).default([]),
});
export type GuardList = z.infer<typeof GuardListSchema>;

export const RepeatRuleSchema = z.object({
  /** The same text as the agent's last message in this conversation. */
  twiceInARow: z.boolean(),
  /** The same text sent to this many other buyers within `windowHours`; null = not checked. */
  maxBuyers: z.number().int().min(2).max(1000).nullable(),
  windowHours: z.number().int().min(1).max(168),
  /** Platforms the many-buyers check applies to; empty = every platform. */
  buyersPlatforms: z.array(PlatformSchema).max(PlatformSchema.options.length),
  /** Shorter texts (好的, 谢谢) are never worth a warning when repeated. */
  minChars: z.number().int().min(1).max(200),
});
export type RepeatRule = z.infer<typeof RepeatRuleSchema>;

export const ChatLimitsSchema = z.object({
  maxChars: z.number().int().min(1).max(100_000).optional(),
  replyWindowDays: z.number().int().min(1).max(365).optional(),
  maxInARow: z.number().int().min(1).max(100).optional(),
});

export const GuardRulesSchema = z
  .object({
    version: z.literal(1),
    lists: z.array(GuardListSchema).max(50),
    repeat: RepeatRuleSchema,
    /** Per platform; a platform missing here has no limits. */
    limits: z.partialRecord(PlatformSchema, ChatLimitsSchema),
  })
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.lists.forEach((list, index) => {
      if (seen.has(list.id))
        ctx.addIssue({ code: 'custom', message: 'guard_duplicateId', path: ['lists', index, 'id'] });
      seen.add(list.id);
    });
  });
export type GuardRules = z.infer<typeof GuardRulesSchema>;

export function defaultGuardRules(): GuardRules {
  return {
    version: 1,
    lists: DEFAULT_GUARD_LISTS.map((l) => ({
      id: l.id,
      name: '',
      enabled: true,
      platforms: [...l.platforms],
      words: [...l.words],
      except: [...l.except],
      detect: [...(l.detect ?? [])],
    })),
    // Sellers report Shopee warning about one text sent to many buyers; twice in a row reads as a slip anywhere.
    repeat: { twiceInARow: true, maxBuyers: 10, windowHours: 24, buyersPlatforms: ['shopee'], minChars: 10 },
    limits: structuredClone(DEFAULT_PLATFORM_LIMITS) as GuardRules['limits'],
  };
}

export function parseGuardRules(input: unknown) {
  return GuardRulesSchema.safeParse(input);
}
