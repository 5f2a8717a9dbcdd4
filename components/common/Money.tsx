import { formatAmounts, type CurrencyContext, type Money } from '@/lib/money/totals';
import { useLocale, useT } from './i18n';

/**
 * Amounts of several currencies as one reads them: each in its own (`¥1,200.00 + RM 350.00`), never
 * added together, or converted into the shop's currency where the supervisor entered a rate, and
 * then marked as converted.
 */
export function Amounts({
  amounts,
  ctx,
  testId,
}: {
  amounts: readonly Money[];
  ctx: CurrencyContext;
  testId?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const { text, converted } = formatAmounts(amounts, locale, ctx);
  return (
    <span
      data-testid={testId}
      data-currencies={amounts.map((a) => a.currency).join(' ')}
      data-converted={converted ? 'true' : undefined}
    >
      {text}
      {converted && (
        <small className="converted" title={t('money_convertedHint')}>{` (${t('money_converted')})`}</small>
      )}
    </span>
  );
}
