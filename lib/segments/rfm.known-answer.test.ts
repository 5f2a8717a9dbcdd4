// Known-answer test against the R package `rfm` 0.3.0: its README scores `rfm_data_orders` with
// analysis date 2006-12-31 and publishes the breaks and five customers' rows (DOMAIN.md §3).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSegmentModel, scoreBuyer, type PopulationMember } from './model';

const CSV = fileURLToPath(new URL('../../tests/fixtures/rfm/rfm_data_orders.csv', import.meta.url));

/** Every row is one order: customer_id, order_date, revenue (whole yuan), names, email. */
function loadCustomers(): Map<string, PopulationMember> {
  const customers = new Map<string, PopulationMember>();
  const rows = readFileSync(CSV, 'utf8').trim().split(/\r?\n/).slice(1);
  for (const row of rows) {
    const [id, date, revenue] = row.split(',').map((cell) => cell.replace(/^"|"$/g, '')) as [string, string, string];
    const c = customers.get(id) ?? { lastPaidDate: null, paidOrders: 0, netCents: 0 };
    customers.set(id, {
      lastPaidDate: c.lastPaidDate === null || date > c.lastPaidDate ? date : c.lastPaidDate,
      paidOrders: c.paidOrders + 1,
      netCents: c.netCents + Math.round(Number(revenue) * 100),
    });
  }
  return customers;
}

describe('RFM scores match the R package rfm 0.3.0', () => {
  const customers = loadCustomers();
  const asOf = '2006-12-31';
  const model = buildSegmentModel([...customers.values()], asOf);

  it('reads the whole data set', () => {
    expect(customers.size).toBe(995);
    expect(model.buyers).toBe(995);
  });

  it('computes the published breaks', () => {
    expect(model.breaks?.recency).toEqual([115, 181, 297.4, 482]);
    expect(model.breaks?.frequency).toEqual([4, 5, 6, 8]);
    expect(model.breaks?.monetary.map((cents) => cents / 100)).toEqual([255.8, 382, 506.4, 666]);
  });

  it.each([
    ["Abbey O'Reilly", 205, 6, 472, 343],
    ['Add Senger', 140, 3, 340, 412],
    ['Aden Lesch', 194, 4, 405, 323],
    ['Aden Murphy', 98, 7, 596, 544],
    ['Admiral Senger', 132, 5, 448, 433],
  ])('scores %s (recency %i, %i orders, %i) as %i', (name, recency, orders, amount, score) => {
    const customer = customers.get(name);
    expect(customer).toBeDefined();
    if (!customer) return;
    expect(customer.paidOrders).toBe(orders);
    expect(customer.netCents).toBe(amount * 100);
    expect(Date.UTC(2006, 11, 31) - Date.parse(`${customer.lastPaidDate}T00:00:00Z`)).toBe(recency * 86_400_000);
    expect(scoreBuyer(customer, model, asOf).rfm?.score).toBe(score);
  });

  it('gives every score 1–5 and fills each quintile roughly evenly', () => {
    const counts = { r: [0, 0, 0, 0, 0], f: [0, 0, 0, 0, 0], m: [0, 0, 0, 0, 0] };
    for (const customer of customers.values()) {
      const rfm = scoreBuyer(customer, model, asOf).rfm;
      expect(rfm).not.toBeNull();
      if (!rfm) continue;
      (counts.r[rfm.r - 1] as number)++;
      (counts.f[rfm.f - 1] as number)++;
      (counts.m[rfm.m - 1] as number)++;
    }
    // Monetary and recency have few ties, so each fifth holds close to 199 customers.
    for (const n of counts.m) expect(n).toBeGreaterThan(180);
    for (const n of counts.r) expect(n).toBeGreaterThan(150);
  });
});
