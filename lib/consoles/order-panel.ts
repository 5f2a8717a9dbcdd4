import type { Platform } from '../schemas/common';
import type { OrderStatus } from '../schemas/order';

/**
 * Reading the values of a console's order panel and product cards (issue 19): the words each
 * platform's console uses for an order's status, money and times as shown. Pure; the content
 * script's reader (`entrypoints/huitouke.content/reader.ts`) takes the text from the page.
 */

type Words = ReadonlyArray<readonly [OrderStatus, readonly string[]]>;

/** Chinese consoles (千牛, 多多客服, 飞鸽, 咚咚): checked in this order, the first word found wins. */
const CHINESE: Words = [
  // Not a bare 取消: a cell can hold the status and a 取消订单 button.
  ['closed', ['已关闭', '已取消', '交易关闭', '订单关闭', '交易取消']],
  ['awaiting_payment', ['待付款', '待支付', '未付款', '等待买家付款']],
  ['completed', ['已完成', '交易成功', '已签收', '交易完成', '完成']],
  ['shipped', ['已发货', '待收货', '运输中', '配送中', '待签收']],
  ['paid', ['待发货', '已付款', '已支付', '待出库', '已成团']],
];

/** Shopee's seller chat (English). */
const ENGLISH: Words = [
  ['closed', ['cancelled', 'canceled', 'closed']],
  ['awaiting_payment', ['unpaid', 'to pay', 'awaiting payment', 'pending payment']],
  ['completed', ['completed', 'delivered']],
  ['shipped', ['shipping', 'shipped', 'to receive', 'in transit']],
  ['paid', ['to ship', 'paid', 'ready to ship']],
];

function wordsFor(platform: Platform): Words[] {
  if (platform === 'shopee' || platform === 'shopify') return [ENGLISH, CHINESE];
  if (platform === 'other') return [CHINESE, ENGLISH];
  return [CHINESE];
}

/** The order status a console's status text means on that platform; `unknown` when no word fits. */
export function consoleOrderStatus(platform: Platform, text: string): OrderStatus {
  const t = text.trim().toLowerCase();
  if (!t) return 'unknown';
  for (const words of wordsFor(platform)) {
    for (const [status, list] of words) if (list.some((w) => t.includes(w))) return status;
  }
  return 'unknown';
}

/**
 * An amount as a console shows it (`¥25.00`, `实付：￥1,299`, `RM 12.50`) in the smallest unit; the
 * number after a currency mark when there is one (`共2件 实付¥25.00`), else the first number.
 */
export function parseShownAmount(text: string): number | undefined {
  const afterMark = /(?:[¥￥$]|RM|NT\$|₱|฿|₫|Rp|S\$)\s*(\d[\d,]*(?:\.\d{1,2})?)/.exec(text);
  const raw = afterMark?.[1] ?? /(\d[\d,]*(?:\.\d{1,2})?)/.exec(text)?.[1];
  if (!raw) return undefined;
  const [whole = '0', frac = ''] = raw.replace(/,/g, '').split('.');
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/**
 * A time as a console shows it, as `YYYY-MM-DD HH:mm:ss` (local); only full dates are taken
 * (`2026-11-20 14:03`, `2026/11/20 14:03:05`, `2026年11月20日 14:03`).
 */
export function parseShownTime(text: string): string | undefined {
  const m = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const n = [Number(mo), Number(d), Number(h), Number(mi), Number(s)];
  if (n[0]! < 1 || n[0]! > 12 || n[1]! < 1 || n[1]! > 31 || n[2]! > 23 || n[3]! > 59 || n[4]! > 59) return undefined;
  const two = (v: number) => String(v).padStart(2, '0');
  return `${y}-${two(n[0]!)}-${two(n[1]!)} ${two(n[2]!)}:${two(n[3]!)}:${two(n[4]!)}`;
}

/** An order id as shown (`订单号：241120-0812…`): the longest run of digits, dashes and letters. */
export function parseShownOrderId(text: string): string | undefined {
  const runs = text.match(/[A-Za-z0-9][A-Za-z0-9-]{3,}/g);
  if (!runs) return undefined;
  return runs.reduce((a, b) => (b.length > a.length ? b : a));
}

/** A product card's item id: the `param` query parameter of a link, else the value's last run of 5+ digits. */
export function parseProductId(value: string, param?: string): string | null {
  if (param) {
    const m = new RegExp(`[?&#]${param}=([^&#\\s]+)`).exec(value);
    if (m?.[1]) {
      try {
        return decodeURIComponent(m[1]).slice(0, 300);
      } catch {
        return m[1].slice(0, 300);
      }
    }
  }
  const runs = value.match(/\d{5,}/g);
  return runs
    ? runs[runs.length - 1]!.slice(0, 300)
    : value.trim() && !/[/?=]/.test(value)
      ? value.trim().slice(0, 300)
      : null;
}
