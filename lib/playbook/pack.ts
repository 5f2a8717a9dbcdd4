import { toFieldIssues, type FieldIssue } from '../i18n/zod-issues';
import { z } from 'zod';
import { ContactPolicySchema, type ContactPolicy } from '../contact/schema';
import { TaxonomySchema, type Taxonomy } from '../concerns/taxonomy';
import { CouponRuleSchema, CouponSchema, type Coupon, type CouponRule } from '../coupons/schema';
import { GuardRulesSchema, type GuardRules } from '../guard/rules';
import { ReminderRulesSchema, type ReminderRules } from '../reminders/schema';
import { TemplateSchema, type Template } from '../templates/schema';
import { CustomConsoleSchema } from '../consoles/custom';
import { ConsoleRepairSchema } from '../consoles/repairs';

/**
 * A playbook pack: what a supervisor shares with the team — templates, coupons and their rules,
 * the concern taxonomy, reminder rules, the contact policy and the send check's word lists — as one
 * versioned JSON file.
 * The same format is what an administrator pushes through enterprise policy (managed storage).
 */
export const PACK_FORMAT = 'huitouke-playbook';
export const PACK_VERSION = 1;

const unique =
  <T extends { id: string }>(what: string) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.id))
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate ${what} id ${item.id}` });
      seen.add(item.id);
    });
  };

/**
 * Consoles taught by pointing (custom consoles) and repairs of built-in ones travel in a pack too,
 * so a fix one supervisor made reaches the team. Each is validated like a stored one.
 */
export const PackConsolesSchema = z.object({
  custom: z.array(CustomConsoleSchema).max(50).default([]).superRefine(unique('console')),
  repairs: z.array(ConsoleRepairSchema).max(20).default([]).superRefine(unique('console repair')),
});
export type PackConsoles = z.infer<typeof PackConsolesSchema>;

export const PlaybookPackSchema = z.object({
  format: z.literal(PACK_FORMAT),
  version: z.literal(PACK_VERSION),
  /** Shown in the import preview and on locked items ("总部话术 2026-11"). */
  name: z.string().max(100).default(''),
  exportedAt: z.number().int().nonnegative(),
  exportedBy: z.string().max(40).default(''),
  templates: z.array(TemplateSchema).max(5000).default([]).superRefine(unique('template')),
  coupons: z.array(CouponSchema).max(1000).default([]).superRefine(unique('coupon')),
  couponRules: z.array(CouponRuleSchema).max(1000).default([]).superRefine(unique('coupon rule')),
  /** Absent parts are left alone on import. */
  taxonomy: TaxonomySchema.optional(),
  reminderRules: ReminderRulesSchema.optional(),
  contactPolicy: ContactPolicySchema.optional(),
  /** Absent: the pack says nothing about consoles (left alone on import). */
  consoles: PackConsolesSchema.optional(),
  /** The compliance guard's word lists, repeat check and platform limits (lib/guard/rules.ts). */
  guardRules: GuardRulesSchema.optional(),
});
export type PlaybookPack = z.infer<typeof PlaybookPackSchema>;

/** One side of a comparison: a profile's playbook, or what a pack brings. */
export interface PlaybookContents {
  templates: Template[];
  coupons: Coupon[];
  couponRules: CouponRule[];
  /** null: this side says nothing about it (a pack without a taxonomy). */
  taxonomy: Taxonomy | null;
  reminderRules: ReminderRules | null;
  contactPolicy: ContactPolicy | null;
  /** Absent or null: this side says nothing about the send check (packs from before it). */
  guardRules?: GuardRules | null;
}

export type PackProblem =
  | { kind: 'notJson' }
  | { kind: 'notAPack' }
  | { kind: 'newerVersion'; version: number }
  /** What is wrong where, as plain data: the page words it (lib/i18n/zod-issues.ts). */
  | { kind: 'invalid'; issues: FieldIssue[] };

export type PackParse = { ok: true; pack: PlaybookPack } | { ok: false; problem: PackProblem };

/**
 * Older pack versions are upgraded here, one step per version, before validation. There is one
 * version so far; the table exists so the next one has a place to go.
 */
const UPGRADES: Record<number, (pack: Record<string, unknown>) => Record<string, unknown>> = {};

/** Parse a pack from text (a file) or a value (managed storage may hold an object). */
export function parsePack(input: unknown): PackParse {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch {
      return { ok: false, problem: { kind: 'notJson' } };
    }
  }
  if (value === null || typeof value !== 'object' || (value as { format?: unknown }).format !== PACK_FORMAT) {
    return { ok: false, problem: { kind: 'notAPack' } };
  }
  let raw = value as Record<string, unknown>;
  const version = typeof raw.version === 'number' ? raw.version : 0;
  if (version > PACK_VERSION) return { ok: false, problem: { kind: 'newerVersion', version } };
  for (let v = version; v < PACK_VERSION; v++) {
    const step = UPGRADES[v];
    if (!step)
      return { ok: false, problem: { kind: 'invalid', issues: [{ path: ['version'], code: 'invalid_value' }] } };
    raw = step(raw);
  }
  const parsed = PlaybookPackSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problem: { kind: 'invalid', issues: toFieldIssues(parsed.error.issues.slice(0, 20)) } };
  }
  return { ok: true, pack: parsed.data };
}

/** Usage is personal: a shared template arrives unused on every other profile. */
function shareable(template: Template): Template {
  const { teamUsageCount: _team, ...rest } = template;
  return { ...rest, usageCount: 0, lastUsedAt: null };
}

/**
 * Build a pack from a profile's playbook. Deleted records stay home, and so do records an
 * administrator's policy locked (they are the policy's to hand out, not this profile's). Local
 * marks never travel: parsing with the pack schema drops every field it does not know.
 */
export function buildPack(
  contents: PlaybookContents,
  meta: { name: string; exportedBy: string; now: number; consoles?: PackConsoles },
): PlaybookPack {
  const live = <T extends { deletedAt?: number }>(items: T[]) =>
    items.filter((i) => i.deletedAt === undefined && (i as { locked?: unknown }).locked !== true);
  return PlaybookPackSchema.parse({
    format: PACK_FORMAT,
    version: PACK_VERSION,
    name: meta.name,
    exportedAt: meta.now,
    exportedBy: meta.exportedBy,
    templates: live(contents.templates).map(shareable),
    coupons: live(contents.coupons),
    couponRules: live(contents.couponRules),
    ...(contents.taxonomy ? { taxonomy: contents.taxonomy } : {}),
    ...(contents.reminderRules ? { reminderRules: contents.reminderRules } : {}),
    ...(contents.contactPolicy ? { contactPolicy: contents.contactPolicy } : {}),
    ...(meta.consoles && (meta.consoles.custom.length || meta.consoles.repairs.length)
      ? { consoles: meta.consoles }
      : {}),
    ...(contents.guardRules ? { guardRules: contents.guardRules } : {}),
  });
}

/** The fields a profile adds to stored playbook records that never travel in a pack. */
export const LOCAL_FIELDS = ['locked', 'source', 'managedBy'] as const;

export function packContents(pack: PlaybookPack): PlaybookContents {
  return {
    templates: pack.templates,
    coupons: pack.coupons,
    couponRules: pack.couponRules,
    taxonomy: pack.taxonomy ?? null,
    reminderRules: pack.reminderRules ?? null,
    contactPolicy: pack.contactPolicy ?? null,
    guardRules: pack.guardRules ?? null,
  };
}

/** Pretty JSON with a trailing newline: packs are meant to be read and kept in version control. */
export function serializePack(pack: PlaybookPack): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}
