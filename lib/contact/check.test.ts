import { describe, expect, it } from 'vitest';
import type { BuyerProfile, StageId } from '../schemas/buyer';
import { epochOfLocalDateTime } from '../reminders/time';
import { checkContact, issuedFromContactLog } from './check';
import {
  ContactLogEntrySchema,
  ContactPolicySchema,
  DEFAULT_CONTACT_POLICY as POLICY,
  type ContactLogEntry,
} from './schema';

const TZ = 'Asia/Shanghai';
const at = (dateTime: string) => epochOfLocalDateTime(dateTime, TZ);
const NOW = at('2025-05-14 15:00:00');
const DAY = 86_400_000;

function buyer(stage: StageId): BuyerProfile {
  return {
    id: 'douyin:d1',
    platform: 'douyin',
    buyerKey: 'd1',
    nick: 'd1',
    asOf: '2025-05-14',
    metrics: {
      paidOrders: 1,
      netCents: 5_000,
      aovCents: 5_000,
      firstPaidDate: '2024-01-01',
      lastPaidDate: '2024-01-01',
      paidDates: ['2024-01-01'],
      refundOrders: 0,
      refundCents: 0,
      allOrders: 1,
      lastItems: [],
      categories: [],
    },
    orders90d: 0,
    level: null,
    rfm: null,
    rfm8: null,
    layer: null,
    stage: { id: stage, daysSinceLastPaid: 100, daysToNextStage: null },
  };
}

let seq = 0;
function sent(kind: string, marketing: boolean, atMs: number, patch: Partial<ContactLogEntry> = {}): ContactLogEntry {
  return {
    id: `c${++seq}`,
    buyerId: 'douyin:d1',
    templateId: 't',
    kind,
    marketing,
    at: atMs,
    updatedAt: atMs,
    ...patch,
  };
}

const marketing = { kind: 'marketing', marketing: true };

describe('marketing cap', () => {
  it('allows one marketing message per 7 days and says when the next may go', () => {
    expect(checkContact(buyer('silent'), marketing, [], POLICY, NOW)).toEqual({ capped: false });
    const log = [sent('marketing', true, NOW - 3 * DAY)];
    const check = checkContact(buyer('silent'), marketing, log, POLICY, NOW, { timeZone: TZ });
    expect(check.capped).toBe(true);
    expect(check.reason).toEqual({
      code: 'contact_capMarketing',
      params: { last: '2025-05-11 15:00', next: '2025-05-18 15:00', count: 1, days: 7 },
    });
    expect(
      checkContact(buyer('silent'), marketing, [sent('marketing', true, NOW - 7 * DAY - 1)], POLICY, NOW).capped,
    ).toBe(false);
  });

  it('ignores unsent inserts, deleted entries, other buyers and service messages', () => {
    const log = [
      sent('marketing', true, NOW - DAY, { sent: false }),
      sent('marketing', true, NOW - DAY, { deletedAt: NOW }),
      sent('marketing', true, NOW - DAY, { buyerId: 'douyin:other' }),
      sent('concern', false, NOW - DAY),
    ];
    expect(checkContact(buyer('silent'), marketing, log, POLICY, NOW).capped).toBe(false);
  });

  it('never caps service replies, however many went out', () => {
    const log = Array.from({ length: 10 }, (_, i) => sent('marketing', true, NOW - i * 60_000));
    for (const kind of ['concern', 'shipping', 'checkin']) {
      expect(checkContact(buyer('lost'), { kind, marketing: false }, log, POLICY, NOW)).toEqual({ capped: false });
      expect(checkContact(buyer('lost'), { kind, marketing: true }, log, POLICY, NOW)).toEqual({ capped: false });
    }
  });
});

describe('lost buyers', () => {
  it('get marketing only in promotions: 双11, the shop anniversary or a switched-on promotion', () => {
    const lost = buyer('lost');
    expect(checkContact(lost, marketing, [], POLICY, NOW).reason?.code).toBe('contact_capLost');
    expect(checkContact(lost, marketing, [], POLICY, at('2025-11-05 10:00:00')).capped).toBe(false);
    expect(checkContact(lost, marketing, [], POLICY, NOW, { shopAnniversary: '05-14' }).capped).toBe(false);
    expect(checkContact(lost, marketing, [], { ...POLICY, promotionActive: true }, NOW).capped).toBe(false);
    expect(checkContact(buyer('sleeping'), marketing, [], POLICY, NOW).capped).toBe(false);
  });

  it('may be reached in a window spanning New Year', () => {
    const policy = ContactPolicySchema.parse({
      ...POLICY,
      promotionWindows: [{ name: '年货节', from: '12-20', to: '01-05' }],
    });
    expect(checkContact(buyer('lost'), marketing, [], policy, at('2026-01-02 10:00:00')).capped).toBe(false);
    expect(checkContact(buyer('lost'), marketing, [], policy, at('2026-01-06 10:00:00')).capped).toBe(true);
  });
});

describe('unpaid reminders', () => {
  it('stop at three within 24 hours', () => {
    const intent = { kind: 'unpaid', marketing: false };
    const two = [sent('unpaid', false, NOW - 2 * 3_600_000), sent('unpaid', false, NOW - 3_600_000)];
    expect(checkContact(buyer('active'), intent, two, POLICY, NOW).capped).toBe(false);
    const three = [...two, sent('unpaid', false, NOW - 60_000)];
    expect(checkContact(buyer('active'), intent, three, POLICY, NOW).reason).toEqual({
      code: 'contact_capUnpaid',
      params: { count: 3, hours: 24 },
    });
    expect(checkContact(buyer('active'), intent, three, POLICY, NOW + DAY).capped).toBe(false);
  });
});

describe('contact log', () => {
  it('parses and yields the coupons given, dated in the shop time zone', () => {
    const entry = ContactLogEntrySchema.parse(
      sent('marketing', true, at('2025-05-14 23:30:00'), { couponId: 'aov_threshold' }),
    );
    const unsent = sent('marketing', true, NOW, { couponId: 'x', sent: false });
    expect(issuedFromContactLog([entry, unsent, sent('concern', false, NOW)], TZ)).toEqual([
      { buyerId: 'douyin:d1', couponId: 'aov_threshold', issuedOn: '2025-05-14' },
    ]);
    expect(issuedFromContactLog([entry], 'UTC')[0]?.issuedOn).toBe('2025-05-14');
    expect(issuedFromContactLog([{ ...entry, at: at('2025-05-15 07:30:00') }], 'UTC')[0]?.issuedOn).toBe('2025-05-14');
  });
});
