import { writeFileSync } from 'node:fs';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { TAOBAO_ORDER_HEADERS_54 } from '../../lib/import/formats/taobao-headers';
import { HOSTILE_STRINGS } from '../fixtures/hostile/strings';
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

/** What the recorder keeps of an element: its tag, attributes, and (without attributes) its text. */
interface SeenElement {
  tag: string;
  attrs: [string, string][];
  text: string;
}

/**
 * Runs at the start of every document of the context (console pages, extension pages, the sidebar
 * frame): a MutationObserver notes every element that is ever inserted, or whose link, source or
 * handler attributes change, so an element made from hostile text is caught even if it is gone
 * again by the time a test looks. Playwright injects it through the debugger, past the pages' CSP.
 */
function recordElements(): void {
  const w = window as unknown as { __htkSeen?: SeenElement[] };
  if (w.__htkSeen) return;
  const seen: SeenElement[] = [];
  w.__htkSeen = seen;
  const note = (el: Element) => {
    if (seen.length >= 100_000) return;
    const attrs = [...el.attributes].map((a): [string, string] => [a.name, a.value.slice(0, 2000)]);
    seen.push({ tag: el.localName, attrs, text: attrs.length ? '' : (el.textContent ?? '').slice(0, 2000) });
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target instanceof Element) note(r.target);
      for (const n of r.addedNodes) {
        if (!(n instanceof Element)) continue;
        note(n);
        for (const child of n.querySelectorAll('*')) note(child);
      }
    }
  }).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: [
      'href',
      'src',
      'srcdoc',
      'action',
      'formaction',
      'xlink:href',
      'onerror',
      'onload',
      'onclick',
      'ontoggle',
      'onfocus',
      'onmouseover',
    ],
  });
}

/** Everything the corpus and the traps could turn into elements if a render path treated text as HTML. */
export const MARKUP_PAYLOADS: readonly string[] = [
  ...PWN_PAYLOADS,
  ...HOSTILE_STRINGS.filter(
    (h) => h.kind === 'markup' || h.kind === 'css' || h.kind === 'url' || h.kind === 'script',
  ).map((h) => h.value),
];

/**
 * Dialogs any page of the context opened (an `alert` payload that ran). Also starts the element
 * recorder in every document opened after it resolves.
 */
export async function watchDialogs(context: BrowserContext): Promise<string[]> {
  await context.addInitScript(recordElements);
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

/**
 * In one frame: elements made from hostile text, now in the DOM (open shadow roots included) or
 * ever inserted (the recorder). An element counts when it carries an event-handler attribute, a
 * script URL or `srcdoc`, or when its tag, attributes and text are those of an element one of the
 * payloads parses to (parsed in an inert document, where nothing loads or runs).
 */
function findInjected(payloads: readonly string[]): { recorder: boolean; injected: string[] } {
  const w = window as unknown as { __htkSeen?: SeenElement[] };
  const key = (e: SeenElement) =>
    `${e.tag}|${[...e.attrs]
      .sort()
      .map(([n, v]) => `${n}=${v}`)
      .join('|')}|${e.attrs.length ? '' : e.text}`;
  const toSeen = (el: Element): SeenElement => {
    const attrs = [...el.attributes].map((a): [string, string] => [a.name, a.value.slice(0, 2000)]);
    return { tag: el.localName, attrs, text: attrs.length ? '' : (el.textContent ?? '').slice(0, 2000) };
  };
  const signatures = new Set<string>();
  const parser = new DOMParser();
  for (const p of payloads) {
    const doc = parser.parseFromString(`<body>${p}</body>`, 'text/html');
    for (const el of doc.body.querySelectorAll('*')) signatures.add(key(toSeen(el)));
  }
  // Browsers skip whitespace and control characters in a URL's scheme.
  const scriptUrl = (v: string) =>
    /^(javascript|vbscript):|^data:text\/html/i.test([...v].filter((c) => c.charCodeAt(0) > 0x20).join(''));
  const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);
  const why = (e: SeenElement): string | null => {
    for (const [name, value] of e.attrs) {
      if (name.startsWith('on')) return `handler ${name}`;
      if (name === 'srcdoc') return 'srcdoc';
      if (URL_ATTRS.has(name) && scriptUrl(value)) return `script URL in ${name}`;
    }
    return signatures.has(key(e)) ? 'an element of a payload' : null;
  };
  const now: SeenElement[] = [];
  const walk = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      now.push(toSeen(el));
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  const injected = new Set<string>();
  for (const e of [...now, ...(w.__htkSeen ?? [])]) {
    const reason = why(e);
    if (reason)
      injected.add(
        `<${e.tag} ${e.attrs.map(([n, v]) => `${n}="${v.slice(0, 60)}"`).join(' ')}>${e.text.slice(0, 40)} (${reason})`,
      );
  }
  return { recorder: w.__htkSeen !== undefined, injected: [...injected] };
}

/**
 * Nothing a payload could do happened, in every frame of every open page (console pages, the
 * sidebar, options, popup): no `__pwned` / `__hostile` marker (a script ran), no dialog, and no
 * element made from hostile text (rendered as HTML, even where the CSP kept its script from
 * running). Call `watchDialogs` before opening the pages.
 */
export async function expectNothingRan(
  context: BrowserContext,
  dialogs: string[],
  payloads: readonly string[] = MARKUP_PAYLOADS,
): Promise<void> {
  let checked = 0;
  for (const page of context.pages()) {
    for (const frame of page.frames()) {
      const url = frame.url();
      if (url.startsWith('chrome-extension://') || url.startsWith('http')) {
        const found = await frame
          .evaluate(findInjected, payloads)
          .catch((e: unknown) => ({ recorder: false, injected: [`not checked: ${String(e)}`] }));
        expect(found.recorder, `the element recorder ran in ${url}`).toBe(true);
        expect(found.injected, `elements made from hostile text in ${url}`).toEqual([]);
        checked++;
      }
      const marks = await frame
        .evaluate(() => {
          const w = window as unknown as Record<string, unknown>;
          return [w.__pwned, w.__hostile].filter((v) => v !== undefined).map(String);
        })
        .catch(() => [] as string[]);
      expect(marks, `payload ran in ${frame.url()}`).toEqual([]);
    }
  }
  expect(checked, 'frames checked for injected elements').toBeGreaterThan(0);
  expect(dialogs, 'no payload opened a dialog').toEqual([]);
}

/** The nick stays inside the sidebar and the sidebar's body does not scroll sideways. */
export async function expectSidebarLayoutHolds(frame: Frame): Promise<void> {
  const m = await frame.evaluate(() => {
    const nick = document.querySelector('[data-testid="buyer-nick"]')!.getBoundingClientRect();
    const root = document.scrollingElement ?? document.documentElement;
    return {
      nickRight: nick.right,
      nickWidth: nick.width,
      frameWidth: window.innerWidth,
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      bodyScroll: document.body.scrollWidth,
    };
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
