import { describe, expect, it } from 'vitest';
import { localDateAt } from '../reminders/time';
import { defaultTemplates } from '../templates';
import { hasConcernCategories } from './concerns';
import {
  concernsByAgent,
  defaultOutcomePeriod,
  liftText,
  mostUsedTemplates,
  outcomesFor,
  outcomeSubject,
  percentText,
  recentConcernCount,
  repeatPercent,
} from './dashboard';
import type { OutcomeCell, OutcomeReport, OutcomeRow } from './outcomes';

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;

describe("the dashboard's figures", () => {
  it('gives the repeat share to one decimal, and none without buyers', () => {
    expect(repeatPercent(1, 3)).toBe(33.3);
    expect(repeatPercent(0, 0)).toBeNull();
  });

  it("counts the concerns of the last 30 days by the shop's calendar", () => {
    const now = Date.now();
    const daysAgo = (n: number) => ({ date: localDateAt(now - n * DAY, TZ) });
    expect(recentConcernCount([daysAgo(0), daysAgo(29), daysAgo(30), daysAgo(45)], now, TZ)).toBe(2);
  });

  it("lists the most used templates counting the team's uses, most used last, unused ones left out", () => {
    const [a, b, c] = defaultTemplates();
    const used = mostUsedTemplates([
      { ...a!, usageCount: 5 },
      { ...b!, usageCount: 1, teamUsageCount: 9 },
      { ...c!, usageCount: 0 },
    ]);
    expect(used.map((t) => t.id)).toEqual([a!.id, b!.id]);
    expect(
      mostUsedTemplates(
        [
          { ...a!, usageCount: 5 },
          { ...b!, usageCount: 7 },
        ],
        1,
      ).map((t) => t.id),
    ).toEqual([b!.id]);
  });

  it('counts concerns per agent, most first', () => {
    expect(concernsByAgent([{ agent: '小王' }, { agent: '阿珍' }, { agent: '阿珍' }])).toEqual([
      ['阿珍', 2],
      ['小王', 1],
    ]);
  });

  it('offers concerns by category only when an item or an asked-about product has one', () => {
    const none = () => null;
    expect(hasConcernCategories([{ category: null }], [{ product: { id: null, title: '围巾' } }], none)).toBe(false);
    expect(hasConcernCategories([{ category: 'clothing' }], [], none)).toBe(true);
    expect(hasConcernCategories([], [{ product: { id: '1', title: '围巾' } }], () => 'accessories')).toBe(true);
  });
});

describe('the outcomes as shown', () => {
  const cell = (contacted: number, rate: number | null, controlRate: number | null): OutcomeCell => ({
    contacted,
    converted: 0,
    rate,
    control: 0,
    controlConverted: 0,
    controlRate,
    pending: 0,
  });
  const row = (key: string, over: Partial<OutcomeRow>, cells: OutcomeCell[]): OutcomeRow => ({
    key,
    group: null,
    couponId: null,
    cells,
    ...over,
  });
  const report: OutcomeReport = {
    periods: [7, 14, 30],
    dataThrough: null,
    controlsPerContact: 20,
    overall: row('all', {}, [cell(3, 0.1, 0.05), cell(3, 0.2, 0.1), cell(0, null, null)]),
    byKind: [
      row('group:coupon', { group: 'coupon', couponId: null }, [
        cell(2, 0.5, 0.1),
        cell(0, null, null),
        cell(0, null, null),
      ]),
      row('coupon:c1', { group: 'coupon', couponId: 'c1' }, [cell(1, 1, 0.1), cell(1, 0.5, 0.6), cell(0, null, null)]),
    ],
    pool: 100,
  };

  it('opens on 14 days, and charts only the rows with contacts judged in the period', () => {
    expect(defaultOutcomePeriod(report)).toBe(14);
    expect(outcomesFor(report, 14)).toMatchObject({ index: 1, days: 14 });
    expect(outcomesFor(report, 14).judged.map((r) => r.key)).toEqual(['coupon:c1']);
    expect(outcomesFor(report, 7).judged.map((r) => r.key)).toEqual(['group:coupon', 'coupon:c1']);
    expect(outcomesFor(report, 99)).toMatchObject({ index: 0, days: 7 });
  });

  it('names a row by its coupon or its family, and writes rates and lifts as people read them', () => {
    expect(outcomeSubject(report.byKind[1]!, [{ id: 'c1', name: '满199减20' }])).toEqual({
      kind: 'coupon',
      couponId: 'c1',
      name: '满199减20',
    });
    expect(outcomeSubject(report.byKind[1]!, [])).toMatchObject({ name: 'c1' });
    expect(outcomeSubject(report.byKind[0]!, [])).toEqual({ kind: 'group', group: 'coupon' });
    expect(outcomeSubject(report.overall, [])).toEqual({ kind: 'overall' });
    expect(percentText(0.1234)).toBe('12.3%');
    expect(percentText(null)).toBe('—');
    expect(liftText(cell(1, 0.2, 0.165))).toEqual({ text: '+3.5', good: true });
    expect(liftText(cell(1, 0.5, 0.6))).toEqual({ text: '-10', good: false });
    expect(liftText(cell(1, null, 0.6))).toEqual({ text: '—', good: null });
  });
});
