import type { BuyerProfile, StageId } from '../schemas/buyer';
import type { BuyerLanguage, Platform } from '../schemas/common';
import type { OrderFacts } from '../schemas/order';
import { missingOrderFacts, orderFor, templateOrder } from './order-facts';
import { pickVariant, type PickedVariant } from './render';
import { teamUsage, type Template, type TemplateKind } from './schema';

/** One piece of "why this template": formatted by {@link formatReason}. */
export type ReasonPart =
  | { kind: 'concern'; id: string }
  | { kind: 'stage'; id: StageId }
  | { kind: 'level'; name: string }
  | { kind: 'segment'; id: string }
  | { kind: 'newBuyer' }
  | { kind: 'returningBuyer' }
  | { kind: 'generic' }
  /**
   * From the contact-cap checker: `code` is a catalogue key (e.g. `contact_capUnpaid`) with its
   * `params`; `message` overrides it; an unknown code reads as a generic "contact limit reached".
   */
  | { kind: 'capped'; code: string; params?: Record<string, string | number>; message?: { zh: string; en: string } }
  /** The buyer writes `lang`, and the template has no variant in it. */
  | { kind: 'needsTranslation'; lang: BuyerLanguage };

export interface CapCheck {
  capped: boolean;
  reason?: ReasonPart;
}

export interface RankContext {
  /** null = a contact with no record (treated as a new buyer at the prospect stage). */
  profile: BuyerProfile | null;
  /** Concern ids found in the buyer's latest messages, most recent first. */
  recentConcerns: readonly string[];
  platform: Platform;
  lang: BuyerLanguage;
  /** Epoch ms; handed to `isCapped`. */
  now: number;
  /** Only these kinds (e.g. the unpaid-reminder tab); all kinds when absent. */
  kinds?: readonly TemplateKind[];
  /** Contact caps: a capped template stays listed, last, with the cap's reason. */
  isCapped?: (template: Template, now: number) => CapCheck;
  /**
   * The buyer's orders a reply may be about (see order-facts.ts), newest first. When given, a
   * template whose `{{order.…}}` (without a fallback) the order it is about cannot fill is left out.
   */
  orders?: readonly OrderFacts[];
}

export interface RankedTemplate {
  template: Template;
  /** Why it is suggested: matched conditions first, then the buyer's stage and level as context. */
  reason: ReasonPart[];
  capped: boolean;
  /** The variant to insert for `lang`, with fallback flags. */
  variant: PickedVariant;
}

interface Fit {
  concernRank: number;
  matched: number;
  parts: ReasonPart[];
}

/** null when a condition fails; otherwise how well the template fits this buyer. */
function fit(template: Template, ctx: RankContext): Fit | null {
  const c = template.conditions;
  const profile = ctx.profile;
  const parts: ReasonPart[] = [];
  let matched = 0;
  let concernRank = Number.POSITIVE_INFINITY;

  if (c.platforms?.length && !c.platforms.includes(ctx.platform)) return null;
  if (c.concerns?.length) {
    const ranks = c.concerns.map((id) => ctx.recentConcerns.indexOf(id)).filter((i) => i >= 0);
    if (ranks.length === 0) return null;
    concernRank = Math.min(...ranks);
    for (const rank of [...ranks].sort((a, b) => a - b)) parts.push({ kind: 'concern', id: ctx.recentConcerns[rank]! });
  }
  if (c.newBuyer !== undefined) {
    const isNew = !profile || profile.metrics.paidOrders === 0;
    if (c.newBuyer !== isNew) return null;
    parts.push({ kind: isNew ? 'newBuyer' : 'returningBuyer' });
    matched++;
  }
  if (c.stages?.length) {
    const stage = profile?.stage.id ?? 'prospect';
    if (!c.stages.includes(stage)) return null;
    parts.push({ kind: 'stage', id: stage });
    matched++;
  }
  if (c.levels?.length) {
    const level = profile?.level;
    if (!level || !(c.levels.includes(level.id) || c.levels.includes(level.name))) return null;
    parts.push({ kind: 'level', name: level.name });
    matched++;
  }
  if (c.segments?.length) {
    const hit = [profile?.rfm8, profile?.layer].find((id) => id && c.segments!.includes(id));
    if (!hit) return null;
    parts.push({ kind: 'segment', id: hit });
    matched++;
  }
  return { concernRank, matched, parts };
}

/** The buyer's stage and level, appended so every reason reads the same way. */
function contextParts(ctx: RankContext, own: ReasonPart[]): ReasonPart[] {
  const extra: ReasonPart[] = [];
  const has = (kind: ReasonPart['kind']) => own.some((p) => p.kind === kind);
  if (!ctx.profile) {
    if (!has('newBuyer')) extra.push({ kind: 'newBuyer' });
    return extra;
  }
  if (!has('stage')) extra.push({ kind: 'stage', id: ctx.profile.stage.id });
  if (ctx.profile.level && !has('level')) extra.push({ kind: 'level', name: ctx.profile.level.name });
  return extra;
}

/**
 * Templates that fit this buyer, best first: answers to the concerns in the latest messages
 * (most recent concern first), then by how many stage/level/segment/new-buyer conditions fit,
 * then usage, then manual order. Disabled, deleted and non-fitting templates are left out, and so
 * are those needing an order fact the buyer's orders lack; capped ones go last.
 */
export function rankTemplates(templates: readonly Template[], ctx: RankContext): RankedTemplate[] {
  const rows: { ranked: RankedTemplate; fit: Fit }[] = [];
  for (const template of templates) {
    if (!template.enabled || template.deletedAt !== undefined) continue;
    if (ctx.kinds && !ctx.kinds.includes(template.kind)) continue;
    const f = fit(template, ctx);
    if (!f) continue;
    const variant = pickVariant(template, ctx.lang);
    if (
      ctx.orders &&
      missingOrderFacts(variant.body, templateOrder(orderFor(template.kind, ctx.orders)), ctx.profile).length > 0
    )
      continue;
    const cap = ctx.isCapped?.(template, ctx.now);
    const reason: ReasonPart[] = [...f.parts];
    if (reason.length === 0) reason.push({ kind: 'generic' });
    reason.push(...contextParts(ctx, f.parts));
    if (variant.needsTranslation) reason.push({ kind: 'needsTranslation', lang: ctx.lang });
    const capped = cap?.capped === true;
    if (capped) reason.unshift(cap?.reason ?? { kind: 'capped', code: 'unknown' });
    rows.push({ ranked: { template, reason, capped, variant }, fit: f });
  }
  rows.sort(
    (a, b) =>
      Number(a.ranked.capped) - Number(b.ranked.capped) ||
      // Infinity − Infinity is NaN, which is falsy: two non-answers fall through to the next key.
      a.fit.concernRank - b.fit.concernRank ||
      b.fit.matched - a.fit.matched ||
      teamUsage(b.ranked.template) - teamUsage(a.ranked.template) ||
      a.ranked.template.order - b.ranked.template.order ||
      (a.ranked.template.id < b.ranked.template.id ? -1 : a.ranked.template.id > b.ranked.template.id ? 1 : 0),
  );
  return rows.map((row) => row.ranked);
}
