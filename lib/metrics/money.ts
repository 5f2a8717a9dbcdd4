import { DEFAULT_CURRENCY, type CurrencyCode } from '../money/currency';
import { convert, type CurrencyContext, type Money } from '../money/totals';
import type { BuyerMetrics } from '../schemas/buyer';

type MoneyMetrics = Pick<BuyerMetrics, 'netCents' | 'currency' | 'otherMoney'>;

/** The currency of a buyer's netCents (absent: CNY). */
export function metricsCurrency(metrics: Pick<BuyerMetrics, 'currency'>): CurrencyCode {
  return metrics.currency ?? DEFAULT_CURRENCY;
}

/** What the buyer spent (paid − refunded), one amount per currency, the buyer's own first. */
export function netByCurrency(metrics: MoneyMetrics): Money[] {
  const out: Money[] = [{ currency: metricsCurrency(metrics), cents: metrics.netCents }];
  for (const m of metrics.otherMoney ?? []) out.push({ currency: m.currency, cents: m.netCents });
  return out;
}

/** What was refunded, per currency (currencies without a refund left out). */
export function refundsByCurrency(metrics: MoneyMetrics & Pick<BuyerMetrics, 'refundCents'>): Money[] {
  const out: Money[] = [];
  if (metrics.refundCents) out.push({ currency: metricsCurrency(metrics), cents: metrics.refundCents });
  for (const m of metrics.otherMoney ?? []) if (m.refundCents) out.push({ currency: m.currency, cents: m.refundCents });
  return out;
}

/** Average order value per currency (each currency's net over its own counted orders). */
export function aovByCurrency(metrics: MoneyMetrics & Pick<BuyerMetrics, 'aovCents'>): Money[] {
  const out: Money[] = [{ currency: metricsCurrency(metrics), cents: metrics.aovCents }];
  for (const m of metrics.otherMoney ?? [])
    out.push({ currency: m.currency, cents: m.paidOrders ? Math.round(m.netCents / m.paidOrders) : 0 });
  return out;
}

/**
 * What the buyer spent in `currency`, for a threshold in that currency: the orders in it, plus the
 * others converted only where the supervisor entered a rate (`converted` then says so).
 */
export function spendIn(
  metrics: MoneyMetrics,
  currency: CurrencyCode,
  ctx: CurrencyContext,
): { cents: number; converted: boolean } {
  let cents = 0;
  let converted = false;
  for (const m of netByCurrency(metrics)) {
    if (m.currency === currency) {
      cents += m.cents;
      continue;
    }
    // Rates are to the shop's currency: other → shop → the threshold's.
    const inShop = convert(m.cents, m.currency, ctx);
    if (inShop === null) continue;
    let value: number | null = inShop;
    if (currency !== ctx.shop) {
      const rate = ctx.rates?.find((r) => r.currency === currency)?.rate;
      value = rate ? Math.round(inShop / rate) : null;
    }
    if (value === null) continue;
    cents += value;
    converted = true;
  }
  return { cents, converted };
}
