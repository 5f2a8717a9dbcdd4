import { describe, expect, it } from 'vitest';
import { addDays } from '../dates/local-date';
import { resolveStage, StageBoundariesSchema } from './stages';

const asOf = '2024-06-30';
const lastPaidDaysAgo = (days: number) => resolveStage(addDays(asOf, -days), asOf);

describe('resolveStage with default boundaries', () => {
  it('calls a buyer without a paid order a prospect', () => {
    expect(resolveStage(null, asOf)).toEqual({ id: 'prospect', daysSinceLastPaid: null, daysToNextStage: null });
  });

  it('switches stage on days 46, 91 and 181', () => {
    expect(lastPaidDaysAgo(0)).toEqual({ id: 'active', daysSinceLastPaid: 0, daysToNextStage: 46 });
    expect(lastPaidDaysAgo(45)).toEqual({ id: 'active', daysSinceLastPaid: 45, daysToNextStage: 1 });
    expect(lastPaidDaysAgo(46)).toEqual({ id: 'silent', daysSinceLastPaid: 46, daysToNextStage: 45 });
    expect(lastPaidDaysAgo(90)).toEqual({ id: 'silent', daysSinceLastPaid: 90, daysToNextStage: 1 });
    expect(lastPaidDaysAgo(91)).toEqual({ id: 'sleeping', daysSinceLastPaid: 91, daysToNextStage: 90 });
    expect(lastPaidDaysAgo(180)).toEqual({ id: 'sleeping', daysSinceLastPaid: 180, daysToNextStage: 1 });
    expect(lastPaidDaysAgo(181)).toEqual({ id: 'lost', daysSinceLastPaid: 181, daysToNextStage: null });
  });

  it('counts calendar days, not 24-hour periods, across a DST change', () => {
    // Europe and the US change clocks in March; the count must still be whole days.
    expect(resolveStage('2024-02-20', '2024-04-05').daysSinceLastPaid).toBe(45);
    expect(resolveStage('2024-02-20', '2024-04-06').id).toBe('silent');
  });

  it('treats a purchase dated after the as-of date as active', () => {
    expect(resolveStage('2024-07-02', asOf)).toMatchObject({ id: 'active', daysSinceLastPaid: -2 });
  });
});

describe('configured boundaries', () => {
  it('moves the switch days', () => {
    const b = StageBoundariesSchema.parse({ activeMaxDays: 30, silentMaxDays: 60, sleepingMaxDays: 120 });
    expect(resolveStage(addDays(asOf, -31), asOf, b).id).toBe('silent');
    expect(resolveStage(addDays(asOf, -121), asOf, b).id).toBe('lost');
  });

  it('rejects boundaries that do not increase', () => {
    expect(StageBoundariesSchema.safeParse({ activeMaxDays: 90, silentMaxDays: 90 }).success).toBe(false);
  });
});
