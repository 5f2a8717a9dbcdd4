import { writeFileSync } from 'node:fs';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { TAOBAO_ORDER_HEADERS_54 } from '../../lib/import/formats/taobao-headers';
import { localDateAt } from '../../lib/reminders/time';
import { expect } from './fixtures';

/**
 * Payloads that set `window.__pwned` if they ever run, so a test can look for them in every
 * frame. The corpus' own payloads call `alert` (caught as a dialog) or set `__hostile`.
 */
export const PWN_PAYLOADS: readonly string[] = [
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload="window.__pwned=2">',
  '<script>window.__pwned=3</script>',
  'javascript:window.__pwned=4',
  '<a href="javascript:window.__pwned=5">点我</a>',
  '<iframe srcdoc="<script>parent.__pwned=6</script>"></iframe>',
  '{{buyer.nick}}<style>*{display:none!important}</style>',
];

/** Dialogs any page of the context opened (an `alert` payload that ran). */
export function watchDialogs(context: BrowserContext): string[] {
  const seen: string[] = [];
  const hook = (page: Page) =>
    page.on('dialog', (d) => {
      seen.push(`${page.url()}: ${d.message()}`);
      void d.dismiss().catch(() => {});
    });
  context.pages().forEach(hook);
  context.on('page', hook);
  return seen;
}

/** `__pwned` / `__hostile` in every frame of every open page: a payload that ran leaves one. */
export async function expectNothingRan(context: BrowserContext, dialogs: string[]): Promise<void> {
  for (const page of context.pages()) {
    for (const frame of page.frames()) {
      const marks = await frame
        .evaluate(() => {
          const w = window as unknown as Record<string, unknown>;
          return [w.__pwned, w.__hostile].filter((v) => v !== undefined).map(String);
        })
        .catch(() => [] as string[]);
      expect(marks, `payload ran in ${frame.url()}`).toEqual([]);
    }
  }
  expect(dialogs, 'no payload opened a dialog').toEqual([]);
}

/** The nick stays inside the sidebar and the sidebar's body does not scroll sideways. */
export async function expectSidebarLayoutHolds(frame: Frame): Promise<void> {
  const m = await frame.evaluate(() => {
    const nick = document.querySelector('[data-testid="buyer-nick"]')!.getBoundingClientRect();
    const root = document.scrollingElement ?? document.documentElement;
    return { nickRight: nick.right, nickWidth: nick.width, frameWidth: window.innerWidth, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, bodyScroll: document.body.scrollWidth };
  });
  expect(m.nickWidth, 'nick width within the sidebar').toBeLessThanOrEqual(m.frameWidth);
  expect(m.nickRight, 'nick ends inside the sidebar').toBeLessThanOrEqual(m.frameWidth + 1);
  expect(m.scrollWidth, 'no horizontal scrollbar').toBeLessThanOrEqual(m.clientWidth);
  expect(m.bodyScroll, 'body does not overflow').toBeLessThanOrEqual(m.clientWidth);
}

export interface TaobaoRow {
  order: string;
  buyer: string;
  title: string;
  amount?: string;
  phone?: string;
  address?: string;
  created?: string;
}

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * A small Taobao 已卖出的宝贝 export (UTF-8 with BOM) with the given rows, written to `path`. Orders
 * without a `created` time were placed 20 days ago (shop time), so their buyers are active whatever
 * the date the tests run on.
 */
export function writeTaobaoCsv(path: string, rows: TaobaoRow[]): string {
  const headers = TAOBAO_ORDER_HEADERS_54.map((h) => h.trim());
  const day = localDateAt(Date.now() - 20 * 86_400_000, 'Asia/Shanghai');
  const lines = [TAOBAO_ORDER_HEADERS_54.map(quote).join(',')];
  for (const r of rows) {
    const cells: Record<string, string> = {
      订单编号: `="${r.order}"`,
      买家会员名: r.buyer,
      买家应付货款: r.amount ?? '99.00',
      总金额: r.amount ?? '99.00',
      买家实际支付金额: r.amount ?? '99.00',
      订单状态: '交易成功',
      收货人姓名: '测某某',
      收货地址: r.address ?? '',
      联系手机: r.phone ? `'${r.phone}` : '',
      订单创建时间: r.created ?? `${day} 10:00:00`,
      订单付款时间: r.created ?? `${day} 10:00:05`,
      宝贝标题: r.title,
      宝贝总数量: '1',
      退款金额: '0',
    };
    lines.push(headers.map((h) => quote(cells[h] ?? '')).join(','));
  }
  writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  return path;
}


export { readStore } from './fixtures';
