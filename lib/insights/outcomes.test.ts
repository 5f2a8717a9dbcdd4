import { describe, expect, it } from 'vitest';
import { epochOfLocalDateTime } from '../reminders/time';
import type { Order } from '../schemas/order';
import { DEFAULT_STAGE_BOUNDARIES } from '../stages/stages';
import {
  contactGroupOf,
  contactOutcomes,
  liftOf,
  localTimeAt,
  lookAt,
  paidTimesOf,
  seededSample,
  type OutcomeContact,
  type OutcomeOptions,
  type PaidTimes,
} from './outcomes';

// The analysis takes every date as a parameter and never reads the clock: fixed dates are safe here.
const TZ = 'Asia/Shanghai';
const at = (time: string) => epochOfLocalDateTime(time, TZ);
const OPTS: OutcomeOptions = { timeZone: TZ, boundaries: DEFAULT_STAGE_BOUNDARIES, dataThrough: '2026-11-20' };
const contact = (buyerId: string, time: string, kind: string, couponId?: string): OutcomeContact => ({
  buyerId,
  at: at(time),
  kind,
  ...(couponId ? { couponId } : {}),
});

describe('stimulus response: when an order counts', () => {
  it('counts an order paid later on the contact day, not one paid earlier that day', () => {
    const history: Record<string, PaidTimes> = {
      // Silent, then paid at 16:20 on the day a coupon went out at 15:00.
      after: ['2026-08-01 10:00:00', '2026-10-01 16:20:00'],
      // Paid at 09:30, before the 15:00 message, and nothing since.
      before: ['2026-08-01 10:00:00', '2026-10-01 09:30:00'],
    };
    const report = contactOutcomes(
      [
        contact('after', '2026-10-01 15:00:00', 'reengage', 'c1'),
        contact('before', '2026-10-01 15:00:00', 'reengage', 'c1'),
      ],
      (id) => history[id],
      [],
      OPTS,
    );
    expect(report.overall.cells.map((c) => [c.contacted, c.converted])).toEqual([
      [2, 1],
      [2, 1],
      [2, 1],
    ]);
    // The stage is the one the buyer was in when the message went out: the 09:30 order made "before" active.
    expect(lookAt(history.before!, '2026-10-01 15:00:00', DEFAULT_STAGE_BOUNDARIES).stage).toBe('active');
    expect(lookAt(history.after!, '2026-10-01 15:00:00', DEFAULT_STAGE_BOUNDARIES)).toEqual({
      stage: 'silent',
      returning: false,
      next: '2026-10-01 16:20:00',
    });
  });

  it("reads contact times on the shop's wall clock and paid times from the orders that count", () => {
    expect(localTimeAt(Date.UTC(2026, 9, 1, 16, 5, 9), TZ)).toBe('2026-10-02 00:05:09');
    const order = (id: string, paidAt: string | null, status: Order['status'], refund = 0): Order => ({
      platform: 'taobao',
      orderId: id,
      buyerKey: 'b',
      buyerNick: null,
      status,
      rawStatus: null,
      createdAt: '2026-09-01 08:00:00',
      paidAt,
      paidCents: 10_000,
      refundCents: refund,
      lines: [],
      sources: [],
    });
    const times = paidTimesOf([
      order('3', '2026-10-02 12:00:00', 'completed'),
      order('1', '2026-09-01 08:05:00', 'shipped'),
      order('2', null, 'closed'),
      order('4', '2026-10-05 12:00:00', 'closed', 10_000), // fully refunded: not a purchase
    ]);
    expect(times).toEqual(['2026-09-01 08:05:00', '2026-10-02 12:00:00']);
  });
});

describe('stimulus response: periods and kinds', () => {
  const history: Record<string, PaidTimes> = {
    a: ['2026-07-10 10:00:00', '2026-09-09 20:00:00'], // silent on 1 Sep, back on day 8
    b: ['2026-07-05 10:00:00', '2026-09-25 11:00:00'], // silent, back on day 24
    c: ['2026-07-22 10:00:00'], // silent, never back
    d: ['2026-10-01 10:00:00'], // an unpaid order chased at 09:59, paid at 10:00
    e: ['2026-06-01 10:00:00', '2026-11-18 10:00:00'], // checked in on 12 Nov, ordered on the 18th; 14 and 30 days not over by 20 Nov
  };
  const contacts = [
    contact('a', '2026-09-01 10:00:00', 'reengage', 'gift'),
    contact('a', '2026-09-05 10:00:00', 'reengage', 'gift'), // the same buyer again: counted once, at the first
    contact('b', '2026-09-01 11:00:00', 'reengage', 'free_ship'),
    contact('c', '2026-09-01 12:00:00', 'greeting'),
    contact('d', '2026-10-01 09:59:00', 'unpaid'),
    contact('e', '2026-11-12 10:00:00', 'checkin'),
  ];
  const report = contactOutcomes(contacts, (id) => history[id], [], OPTS);
  const row = (key: string) => report.byKind.find((r) => r.key === key)!;

  it('breaks down by period: 7, 14 and 30 days after the contact', () => {
    expect(report.periods).toEqual([7, 14, 30]);
    // a comes back on day 8, b on day 24, d within the minute, e on day 6 (and is pending beyond 7 days).
    expect(
      report.overall.cells.map((c) => ({ contacted: c.contacted, converted: c.converted, pending: c.pending })),
    ).toEqual([
      { contacted: 5, converted: 2, pending: 0 },
      { contacted: 4, converted: 2, pending: 1 },
      { contacted: 4, converted: 3, pending: 1 },
    ]);
    expect(report.overall.cells[2]!.rate).toBe(0.75);
  });

  it('breaks down by kind: coupons (and each coupon), care, 催付 follow-ups', () => {
    expect(report.byKind.map((r) => r.key)).toEqual([
      'group:coupon',
      'coupon:free_ship',
      'coupon:gift',
      'group:care',
      'group:unpaid',
    ]);
    expect(row('group:coupon').cells.map((c) => c.converted)).toEqual([0, 1, 2]);
    expect(row('coupon:gift').cells.map((c) => [c.contacted, c.converted])).toEqual([
      [1, 0],
      [1, 1],
      [1, 1],
    ]);
    expect(row('group:unpaid').cells[0]).toMatchObject({ contacted: 1, converted: 1, rate: 1 });
    // c never came back; e's check-in is judged at 7 days only.
    expect(row('group:care').cells.map((c) => [c.contacted, c.converted, c.pending])).toEqual([
      [2, 1, 0],
      [1, 0, 1],
      [1, 0, 1],
    ]);
    expect([
      contactGroupOf('thanks'),
      contactGroupOf('concern'),
      contactGroupOf('custom'),
      contactGroupOf('greeting', 'x'),
    ]).toEqual(['care', 'service', 'other', 'coupon']);
  });

  it('judges nothing before the orders cover the period', () => {
    const none = contactOutcomes(contacts, (id) => history[id], [], { ...OPTS, dataThrough: null });
    expect(none.overall.cells.every((c) => c.contacted === 0 && c.pending === 5)).toBe(true);
  });
});

describe('stimulus response: the control group', () => {
  // 60 buyers never contacted: 30 silent on 1 Sep who all ordered within a week, 30 active who never did.
  const silentBack: PaidTimes = ['2026-07-10 10:00:00', '2026-09-04 10:00:00'];
  const activeGone: PaidTimes = ['2026-08-20 10:00:00'];
  const pool = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? silentBack : activeGone));
  const history: Record<string, PaidTimes> = { s: ['2026-07-15 10:00:00'], t: ['2026-07-16 10:00:00'] };
  const contacts = [
    contact('s', '2026-09-01 10:00:00', 'reengage', 'gift'),
    contact('t', '2026-09-01 10:30:00', 'reengage', 'gift'),
  ];

  it('is matched on the stage the contacted buyer was in at that moment', () => {
    const report = contactOutcomes(contacts, (id) => history[id], pool, { ...OPTS, controlsPerContact: 10 });
    // Both contacted buyers were silent: only silent controls are drawn, all of whom ordered.
    expect(report.overall.cells[0]).toMatchObject({
      contacted: 2,
      converted: 0,
      control: 20,
      controlConverted: 20,
      controlRate: 1,
    });
    expect(liftOf(report.overall.cells[0]!)).toBe(-1);
    expect(report.pool).toBe(60);
  });

  it('is drawn at random with a seed: the same data gives the same figures, another seed other draws', () => {
    // Every pool buyer is silent, and the i-th ordered within 7 days when i is a multiple of 3.
    const mixed = Array.from({ length: 300 }, (_, i): PaidTimes =>
      i % 3 === 0 ? silentBack : ['2026-07-10 10:00:00'],
    );
    const many = Array.from({ length: 40 }, (_, i) => contact(`x${i}`, '2026-09-01 10:00:00', 'reengage'));
    const silentOf = () => ['2026-07-15 10:00:00'];
    const run = (seed?: number) =>
      contactOutcomes(many, silentOf, mixed, { ...OPTS, ...(seed === undefined ? {} : { seed }) }).overall.cells[0]!;
    const first = run();
    expect(run()).toEqual(first);
    expect(first.control).toBe(800);
    // A third of the pool ordered: a random draw lands near a third, which an evenly spaced one
    // (every 3rd buyer from the first) would not.
    expect(first.controlRate!).toBeGreaterThan(0.25);
    expect(first.controlRate!).toBeLessThan(0.42);
    const others = [1, 2, 3, 4, 5].map((seed) => run(seed).controlConverted);
    expect(new Set([first.controlConverted, ...others]).size).toBeGreaterThan(1);
  });

  it('samples the pool at random, without repeats, stable for the same seed', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `id${String(i).padStart(4, '0')}`);
    const a = seededSample(ids, 100, 7);
    expect(a).toHaveLength(100);
    expect(new Set(a).size).toBe(100);
    expect(seededSample(ids, 100, 7)).toEqual(a);
    expect(seededSample(ids, 100, 8)).not.toEqual(a);
    expect([...a].sort()).toEqual(a); // kept in the original order
    // Not a stride: the gaps between picked positions vary.
    const gaps = new Set(a.slice(1).map((id, i) => Number(id.slice(2)) - Number(a[i]!.slice(2))));
    expect(gaps.size).toBeGreaterThan(10);
    expect(seededSample(ids.slice(0, 5), 100, 7)).toEqual(ids.slice(0, 5));
  });
});
