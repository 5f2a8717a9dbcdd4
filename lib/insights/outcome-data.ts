import type { BuyerIndex } from '../db/buyer-index';
import { getBuyers } from '../db/buyer-store';
import { ContactRecordSchema, type ContactRecord } from '../db/contact-log';
import type { HuitoukeDb } from '../db/database';
import { mixSeed } from '../demo/prng';
import type { ProfileSettings } from '../metrics/profile';
import type { CountingRules } from '../metrics/rules';
import {
  contactOutcomes,
  DEFAULT_OUTCOME_SEED,
  paidTimesOf,
  seededSample,
  type OutcomeContact,
  type OutcomeReport,
  type PaidTimes,
} from './outcomes';

/** Never-contacted buyers read as the control pool: enough for a stable rate, quick to read. */
export const CONTROL_POOL_SIZE = 3000;

/** What the outcome analysis reads from the database. */
export interface OutcomeData {
  contacts: OutcomeContact[];
  /** Paid times of each contacted buyer. */
  histories: Map<string, PaidTimes>;
  /** Paid times of the sampled never-contacted buyers, in id order. */
  pool: PaidTimes[];
  /** The latest paid date in the imported orders: outcomes are judged only up to it. */
  dataThrough: string | null;
}

/**
 * Contact-log rows that reached a buyer: live and not known to be unsent (inserted text the
 * console never showed as sent did not reach anyone). Rows that do not parse are left out.
 */
export function sentContacts(rows: readonly unknown[]): ContactRecord[] {
  const out: ContactRecord[] = [];
  for (const row of rows) {
    const c = ContactRecordSchema.safeParse(row);
    if (c.success && c.data.deletedAt === undefined && c.data.sent !== false) out.push(c.data);
  }
  return out;
}

/**
 * Contacted buyers' paid times, and a random (seeded: the same data gives the same sample) pool
 * of paying buyers who were never contacted, from the buyer index and their records.
 */
export async function loadOutcomeData(
  db: HuitoukeDb,
  index: BuyerIndex,
  contacts: readonly ContactRecord[],
  rules: CountingRules,
  poolSize = CONTROL_POOL_SIZE,
): Promise<OutcomeData> {
  const dataThrough = index.lastPaidDate.reduce<string | null>((max, d) => (d && (!max || d > max) ? d : max), null);
  const contacted = [...new Set(contacts.map((c) => c.buyerId))];
  const reached = new Set(contacted);
  const candidates = index.ids.filter((id, i) => !reached.has(id) && (index.paidOrders[i] ?? 0) > 0).sort();
  const sample = seededSample(candidates, poolSize, mixSeed(DEFAULT_OUTCOME_SEED, candidates.length));
  const records = await getBuyers(db, [...contacted, ...sample]);
  const histories = new Map<string, PaidTimes>();
  const pool: PaidTimes[] = [];
  records.forEach((rec, i) => {
    if (!rec || rec.deletedAt) return;
    const times = paidTimesOf(rec.orders, rules);
    if (i < contacted.length) histories.set(rec.id, times);
    else pool.push(times);
  });
  return {
    contacts: contacts.map((c) => ({
      buyerId: c.buyerId,
      at: c.at,
      kind: c.kind,
      ...(c.couponId ? { couponId: c.couponId } : {}),
    })),
    histories,
    pool,
    dataThrough,
  };
}

/** The dashboard's report: the data above, analysed with the shop's stages and time zone. */
export async function loadOutcomeReport(
  db: HuitoukeDb,
  index: BuyerIndex,
  contacts: readonly ContactRecord[],
  profile: ProfileSettings,
  timeZone: string,
): Promise<OutcomeReport> {
  const data = await loadOutcomeData(db, index, contacts, profile.rules);
  return contactOutcomes(data.contacts, (id) => data.histories.get(id), data.pool, {
    timeZone,
    boundaries: profile.stages,
    dataThrough: data.dataThrough,
  });
}
