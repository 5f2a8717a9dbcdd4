import { describe, expect, it } from 'vitest';
import { daysBetween, demoAsOf } from './time';
import { taobaoExportText } from './taobao-export';

/**
 * Recomputes, from the CSV alone, the simple rules the demo shop must cover: a paid order has a
 * payment time and keeps money after refunds; levels by net spend; stages by days since the last
 * paid order; the RFM 8 classes by comparing R, F and M with their means over paying buyers.
 */
interface Buyer {
  paid: number;
  net: number;
  last: string | null;
}

function buyersOf(text: string): Map<string, Buyer> {
  const lines = text.split('\n').filter(Boolean);
  const header = lines[0]!.split(',').map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const [nickAt, paidAtAt, paidAmountAt, refundAt] = [
    col('买家会员名'),
    col('订单付款时间'),
    col('买家实际支付金额'),
    col('退款金额'),
  ];
  const buyers = new Map<string, Buyer>();
  for (const line of lines.slice(1)) {
    // Fields used here never contain commas or quotes; the full parser is tested elsewhere.
    const cells = line.replace(/"[^"]*"/g, '""').split(',');
    const nick = cells[nickAt]!;
    const buyer = buyers.get(nick) ?? { paid: 0, net: 0, last: null };
    const refund = cells[refundAt] === '无退款申请' ? 0 : Math.round(Number(cells[refundAt]) * 100);
    const net = Math.round(Number(cells[paidAmountAt]) * 100) - refund;
    const paidAt = cells[paidAtAt]!;
    if (paidAt !== '' && net > 0) {
      buyer.paid++;
      buyer.net += net;
      if (!buyer.last || paidAt.slice(0, 10) > buyer.last) buyer.last = paidAt.slice(0, 10);
    }
    buyers.set(nick, buyer);
  }
  return buyers;
}

function tally(asOf: string, text: string) {
  const buyers = [...buyersOf(text).values()];
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const levels = new Map<string, number>();
  const stages = new Map<string, number>();
  const rfm = new Map<string, number>();
  const payers = buyers.filter((b) => b.paid > 0);
  const recency = (b: Buyer) => daysBetween(b.last!, asOf);
  const mean = (f: (b: Buyer) => number) => payers.reduce((s, b) => s + f(b), 0) / payers.length;
  const [meanR, meanF, meanM] = [mean(recency), mean((b) => b.paid), mean((b) => b.net)];
  for (const b of buyers) {
    count(
      levels,
      b.paid === 0 ? 'none' : b.net >= 300_000 ? 'VIP4' : b.net >= 100_000 ? 'VIP3' : b.net >= 30_000 ? 'VIP2' : 'VIP1',
    );
    const days = b.last ? recency(b) : null;
    count(
      stages,
      days === null ? 'prospect' : days <= 45 ? 'active' : days <= 90 ? 'silent' : days <= 180 ? 'sleeping' : 'lost',
    );
    if (b.paid > 0)
      count(rfm, `${recency(b) < meanR ? 'R↑' : 'R↓'}${b.paid > meanF ? 'F↑' : 'F↓'}${b.net > meanM ? 'M↑' : 'M↓'}`);
  }
  return { buyers, payers, levels, stages, rfm };
}

const ALL_RFM = ['R↑F↑M↑', 'R↑F↓M↑', 'R↓F↑M↑', 'R↓F↓M↑', 'R↑F↑M↓', 'R↑F↓M↓', 'R↓F↑M↓', 'R↓F↓M↓'];

/** The shop `npm run build:demo` writes today; the generator itself takes any date. */
const TODAY = demoAsOf(Date.now());

describe('demo shop covers every kind of buyer', () => {
  for (const [label, options] of [
    ['default shop', { asOf: TODAY }],
    ['another seed and date', { seed: 99, asOf: '2025-06-30' }],
  ] as const) {
    it(`${label}: every level, stage and RFM class has buyers`, () => {
      const asOf = options.asOf;
      const { levels, stages, rfm } = tally(asOf, taobaoExportText(options));
      for (const level of ['none', 'VIP1', 'VIP2', 'VIP3', 'VIP4'])
        expect(levels.get(level) ?? 0, level).toBeGreaterThanOrEqual(20);
      for (const stage of ['prospect', 'active', 'silent', 'sleeping', 'lost'])
        expect(stages.get(stage) ?? 0, stage).toBeGreaterThanOrEqual(20);
      for (const cell of ALL_RFM) expect(rfm.get(cell) ?? 0, cell).toBeGreaterThanOrEqual(5);
    });
  }

  it('spending is concentrated: the top fifth of paying buyers bring most of the money', () => {
    const { payers } = tally(TODAY, taobaoExportText({ asOf: TODAY }));
    const nets = payers.map((b) => b.net).sort((a, b) => b - a);
    const top = nets.slice(0, Math.round(nets.length / 5)).reduce((a, b) => a + b, 0);
    expect(top / nets.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.6);
  });
});
