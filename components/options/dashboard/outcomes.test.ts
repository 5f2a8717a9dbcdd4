import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_BOUNDARIES } from '@/lib/stages/stages';
import { contactOutcomes, evenSample, lookAt, type ContactEvent } from './outcomes';

const opts = { windowDays: 14, boundaries: DEFAULT_STAGE_BOUNDARIES, dataThrough: '2026-11-20' };

describe('contact outcomes', () => {
  it('tells the stage on the contact day and whether an order followed within the window', () => {
    const paid = ['2026-08-01', '2026-10-10'];
    // 1 Oct: last paid 1 Aug (61 days) → silent; next order 10 Oct is within 14 days.
    expect(lookAt(paid, '2026-10-01', 14, DEFAULT_STAGE_BOUNDARIES)).toEqual({ stage: 'silent', ordered: true });
    expect(lookAt(paid, '2026-09-01', 14, DEFAULT_STAGE_BOUNDARIES)).toEqual({ stage: 'active', ordered: false });
    // An order on the contact day itself came before the message: it does not count.
    expect(lookAt(paid, '2026-10-10', 14, DEFAULT_STAGE_BOUNDARIES).ordered).toBe(false);
  });

  it('compares contacted buyers with uncontacted buyers of the same stage on the same day', () => {
    const history: Record<string, string[]> = {
      a: ['2026-08-01', '2026-10-05'], // silent on 1 Oct, came back
      b: ['2026-08-10'], // silent, did not
      c: ['2026-09-25', '2026-10-03'], // active on 1 Oct, came back
    };
    const events: ContactEvent[] = [
      { buyerId: 'a', date: '2026-10-01', type: 'coupon:x' },
      { buyerId: 'a', date: '2026-10-03', type: 'coupon:x' }, // second contact of the same type: ignored
      { buyerId: 'b', date: '2026-10-01', type: 'coupon:x' },
      { buyerId: 'c', date: '2026-10-01', type: 'kind:checkin' },
      { buyerId: 'c', date: '2026-11-15', type: 'coupon:x' }, // window not over by 20 Nov
    ];
    const uncontacted = [
      ['2026-08-05', '2026-10-02'], // silent on 1 Oct, ordered
      ['2026-07-20'], // silent, did not
      ['2026-07-25'], // silent, did not
      ['2026-09-28'], // active: not comparable to silent buyers
      [], // prospect
    ];
    const [coupon, checkin] = contactOutcomes(events, (id) => history[id], uncontacted, opts);
    expect(coupon).toMatchObject({ type: 'coupon:x', contacted: 2, converted: 1, rate: 0.5, pending: 1 });
    // Both contacted buyers were silent on 1 Oct: 3 comparable silent buyers each, 1 of whom ordered.
    expect(coupon).toMatchObject({ baseline: 6, baselineConverted: 2 });
    expect(coupon!.baselineRate).toBeCloseTo(1 / 3);
    expect(checkin).toMatchObject({ type: 'kind:checkin', contacted: 1, converted: 1, baseline: 1, baselineConverted: 0, baselineRate: 0 });
  });

  it('samples evenly and deterministically', () => {
    const list = Array.from({ length: 10 }, (_, i) => i);
    expect(evenSample(list, 5)).toEqual([0, 2, 4, 6, 8]);
    expect(evenSample(list, 20)).toEqual(list);
  });
});
