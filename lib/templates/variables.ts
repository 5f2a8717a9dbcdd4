import type { BuyerLanguage } from '../schemas/common';
import type { BuyerProfile } from '../schemas/buyer';
import { daysBetween, isLocalDate } from '../dates/local-date';
import type { MessageKey } from '../i18n';
import { formatDate, formatDiscount, formatMoney, formatStage } from './format';
import { currencySymbol } from '../money/format';

/** A coupon as a template sees it; the coupon helper maps its records to this shape. */
export interface TemplateCoupon {
  name: string;
  /** 满 threshold in cents; absent for no-threshold coupons. */
  thresholdCents?: number;
  /** Money off in cents … */
  amountCents?: number;
  /** … in this currency (ISO 4217), when the coupon names one that is not CNY. */
  currency?: string;
  /** … or a price multiplier (0.7 = 7折) for discount coupons. */
  discount?: number;
  /** Free-shipping cards: how many days they last. */
  durationDays?: number;
  /** Gift coupons: what the gift is. */
  gift?: string;
  /** What the coupon is in the buyer's language (满150减20, 7折, 180天包邮卡); defaults to the name. */
  label?: string;
  code?: string;
  link?: string;
  /** Last valid day, `YYYY-MM-DD`. */
  expires?: string;
}

export interface TemplateOrder {
  id?: string;
  lastItem?: string;
  trackingNo?: string;
  carrier?: string;
}

/** The product the buyer is asking about: the last product card or link in the conversation. */
export interface TemplateProduct {
  id?: string | null;
  title: string;
}

/** Everything a template can draw on. Absent parts make their variables "missing". */
export interface RenderContext {
  /** The variant's language: decides how dates, money and discounts read. */
  lang: BuyerLanguage;
  /** Shop-local `YYYY-MM-DD`. */
  today: string;
  buyer?: BuyerProfile | null;
  coupon?: TemplateCoupon | null;
  order?: TemplateOrder | null;
  product?: TemplateProduct | null;
  agent?: { name: string } | null;
  shop?: { name: string; currencySymbol?: string } | null;
  /** Answers to `{{ask:…}}` blanks, by label. */
  answers?: Readonly<Record<string, string>>;
  /** Values the agent typed over the computed ones (e.g. a nicer nick). */
  values?: Readonly<Partial<Record<VariableName, string>>>;
}

type Resolver = (ctx: RenderContext) => string | null | undefined;

interface VariableDef {
  name: string;
  descriptionKey: MessageKey;
  resolve: Resolver;
}

function money(ctx: RenderContext, cents: number | undefined, currency?: string): string | null {
  if (cents === undefined) return null;
  // A coupon in another currency than ¥ is written in its own (RM20), whatever the shop's symbol.
  if (currency && currency !== 'CNY') return formatMoney(cents, ctx.lang, currencySymbol(currency).trim());
  return formatMoney(cents, ctx.lang, ctx.shop?.currencySymbol);
}

function daysSinceLastOrder(ctx: RenderContext): string | null {
  const last = ctx.buyer?.metrics.lastPaidDate;
  if (!last || !isLocalDate(ctx.today)) return null;
  return String(Math.max(0, daysBetween(last, ctx.today)));
}

function couponAmount(ctx: RenderContext): string | null {
  const coupon = ctx.coupon;
  if (!coupon) return null;
  if (coupon.amountCents !== undefined) return money(ctx, coupon.amountCents, coupon.currency);
  return coupon.discount === undefined ? null : formatDiscount(coupon.discount, ctx.lang);
}

const DEFS = [
  { name: 'buyer.nick', descriptionKey: 'templates_var_buyerNick', resolve: (c) => c.buyer?.nick },
  { name: 'buyer.level', descriptionKey: 'templates_var_buyerLevel', resolve: (c) => c.buyer?.level?.name },
  {
    name: 'buyer.discount',
    descriptionKey: 'templates_var_buyerDiscount',
    resolve: (c) => (c.buyer?.level ? formatDiscount(c.buyer.level.discount, c.lang) : null),
  },
  {
    name: 'buyer.stage',
    descriptionKey: 'templates_var_buyerStage',
    resolve: (c) => (c.buyer ? formatStage(c.buyer.stage.id, c.lang) : null),
  },
  {
    name: 'buyer.orderCount',
    descriptionKey: 'templates_var_buyerOrderCount',
    resolve: (c) => (c.buyer && c.buyer.metrics.paidOrders > 0 ? String(c.buyer.metrics.paidOrders) : null),
  },
  {
    name: 'buyer.firstOrderDate',
    descriptionKey: 'templates_var_buyerFirstOrderDate',
    resolve: (c) =>
      c.buyer?.metrics.firstPaidDate ? formatDate(c.buyer.metrics.firstPaidDate, c.lang, c.today) : null,
  },
  {
    name: 'buyer.lastOrderDate',
    descriptionKey: 'templates_var_buyerLastOrderDate',
    resolve: (c) => (c.buyer?.metrics.lastPaidDate ? formatDate(c.buyer.metrics.lastPaidDate, c.lang, c.today) : null),
  },
  {
    name: 'buyer.daysSinceLastOrder',
    descriptionKey: 'templates_var_buyerDaysSinceLastOrder',
    resolve: daysSinceLastOrder,
  },
  { name: 'coupon.name', descriptionKey: 'templates_var_couponName', resolve: (c) => c.coupon?.name },
  {
    name: 'coupon.threshold',
    descriptionKey: 'templates_var_couponThreshold',
    resolve: (c) => money(c, c.coupon?.thresholdCents),
  },
  { name: 'coupon.amount', descriptionKey: 'templates_var_couponAmount', resolve: couponAmount },
  {
    name: 'coupon.label',
    descriptionKey: 'templates_var_couponLabel',
    resolve: (c) => c.coupon?.label ?? c.coupon?.name,
  },
  {
    name: 'coupon.rate',
    descriptionKey: 'templates_var_couponRate',
    resolve: (c) => (c.coupon?.discount === undefined ? null : formatDiscount(c.coupon.discount, c.lang)),
  },
  {
    name: 'coupon.days',
    descriptionKey: 'templates_var_couponDays',
    resolve: (c) => (c.coupon?.durationDays ? String(c.coupon.durationDays) : null),
  },
  { name: 'coupon.gift', descriptionKey: 'templates_var_couponGift', resolve: (c) => c.coupon?.gift },
  { name: 'coupon.code', descriptionKey: 'templates_var_couponCode', resolve: (c) => c.coupon?.code },
  { name: 'coupon.link', descriptionKey: 'templates_var_couponLink', resolve: (c) => c.coupon?.link },
  {
    name: 'coupon.expires',
    descriptionKey: 'templates_var_couponExpires',
    resolve: (c) => (c.coupon?.expires ? formatDate(c.coupon.expires, c.lang, c.today) : null),
  },
  {
    name: 'order.lastItem',
    descriptionKey: 'templates_var_orderLastItem',
    resolve: (c) => c.order?.lastItem ?? c.buyer?.metrics.lastItems[0]?.title,
  },
  { name: 'order.id', descriptionKey: 'templates_var_orderId', resolve: (c) => c.order?.id },
  { name: 'order.trackingNo', descriptionKey: 'templates_var_orderTrackingNo', resolve: (c) => c.order?.trackingNo },
  { name: 'order.carrier', descriptionKey: 'templates_var_orderCarrier', resolve: (c) => c.order?.carrier },
  { name: 'product.title', descriptionKey: 'templates_var_productTitle', resolve: (c) => c.product?.title || null },
  { name: 'product.id', descriptionKey: 'templates_var_productId', resolve: (c) => c.product?.id || null },
  { name: 'agent.name', descriptionKey: 'templates_var_agentName', resolve: (c) => c.agent?.name },
  { name: 'shop.name', descriptionKey: 'templates_var_shopName', resolve: (c) => c.shop?.name },
  {
    name: 'date.today',
    descriptionKey: 'templates_var_dateToday',
    resolve: (c) => formatDate(c.today, c.lang, c.today),
  },
] as const satisfies readonly VariableDef[];

export type VariableName = (typeof DEFS)[number]['name'];

/** For an editor's autocomplete: every variable with its catalogue description key. */
export const TEMPLATE_VARIABLES: readonly { name: VariableName; descriptionKey: MessageKey }[] = DEFS.map(
  ({ name, descriptionKey }) => ({ name, descriptionKey }),
);

const BY_NAME = new Map<string, VariableDef>(DEFS.map((def) => [def.name, def]));

export function isVariableName(name: string): name is VariableName {
  return BY_NAME.has(name);
}

/** The value a variable takes for this context; null when it is missing or empty. */
export function resolveVariable(name: VariableName, ctx: RenderContext): string | null {
  const override = ctx.values?.[name];
  if (override !== undefined && override.trim() !== '') return override;
  const value = BY_NAME.get(name)?.resolve(ctx);
  return value === undefined || value === null || value.trim() === '' ? null : value;
}
