import type { ColumnMapping } from '../../lib/import/mapping';
import {
  adapterOf,
  appendBuyerMessage,
  confirmSizeConcern,
  expectBuyer,
  fixtureExpected,
  importMapped,
  inputText,
  insertThroughHub,
  messageRowCount,
  orderFile,
  sendEnabled,
  serveFixture,
} from './consoles-helpers';
import { expect, importFiles, sidebarFrame, test } from './fixtures';

/**
 * Each console fixture page (written from public descriptions, not saved from the console) at its real address, with a small export of that platform imported.
 * The exports (tests/fixtures/consoles/orders) are built so the console's current buyer lands in
 * a known place; the comments say why. Levels: any paid order VIP1, ¥300 VIP2, ¥1,000 VIP3,
 * ¥3,000 VIP4. Segments compare with the means of the file's buyers. Stages count days since
 * the last paid order: active ≤ 45, silent ≤ 90, sleeping ≤ 180, then lost.
 */
interface ConsoleCase {
  id: string;
  file: string;
  /** Pinduoduo exports carry no buyer: that shop maps a table with the chat's buyer uid. */
  mapped?: { mapping: ColumnMapping; platform: 'pinduoduo' };
  want: { level: string; segment: string; stage: string };
  why: string;
  sizeQuestion: string;
  reply: string;
}

const CASES: ConsoleCase[] = [
  {
    id: 'pinduoduo',
    file: 'pinduoduo-generic.csv',
    mapped: {
      mapping: {
        buyer: '买家ID',
        order: '订单号',
        time: '订单成交时间',
        paidTime: '支付时间',
        amount: '用户实付金额(元)',
        item: '商品',
      },
      platform: 'pinduoduo',
    },
    want: { level: 'VIP2', segment: 'important_value', stage: 'active' },
    why: 'uid 8823014491: 3 orders, ¥420, last 10 days ago; the others bought once, long ago',
    sizeQuestion: '我平时穿M码，这件会不会偏小？',
    reply: '亲，这款偏大半码，建议拍小一码哦',
  },
  {
    id: 'douyin',
    file: 'douyin.csv',
    want: { level: 'VIP1', segment: 'general_value', stage: 'silent' },
    why: '2 orders, ¥158 (below the ¥229 mean), last 60 days ago',
    sizeQuestion: '165 cm 穿 L 码会不会太大，尺码标准吗',
    reply: '您好，165 cm 建议选 M 码',
  },
  {
    id: 'jd',
    file: 'jd.csv',
    want: { level: 'VIP3', segment: 'important_retain', stage: 'sleeping' },
    why: 'one ¥1,288 order 100 days ago; the others buy more often and more recently',
    sizeQuestion: '这个茶叶罐有多大尺寸，能装下 250g 吗',
    reply: '您好，茶叶罐直径 10 cm，可以装下',
  },
  {
    id: 'shopee',
    file: 'shopee.csv',
    want: { level: 'VIP4', segment: 'important_keep', stage: 'lost' },
    why: '4 orders, RM3,200, last 200 days ago',
    sizeQuestion: "Is size L too big for me? I'm usually an M",
    reply: 'Hi! L runs large, M should fit you well.',
  },
  {
    id: 'qianniu',
    file: 'ExportOrderList-qianniu.csv',
    want: { level: 'VIP2', segment: 'general_develop', stage: 'active' },
    why: 'one ¥399 order 3 days ago; another buyer has 3 orders and ¥900',
    sizeQuestion: '腰围 2 尺 2 穿什么码合适',
    reply: '亲，2 尺 2 建议拍 M 码',
  },
];

async function importFor(c: ConsoleCase, context: Parameters<typeof importFiles>[0], extensionId: string) {
  const file = orderFile(c.file);
  if (c.mapped) await importMapped(context, extensionId, file, c.mapped.mapping, c.mapped.platform);
  else await importFiles(context, extensionId, [file]);
}

for (const c of CASES) {
  test(`${c.id}: the sidebar shows the imported buyer, captures a size concern and inserts without sending`, async ({
    context,
    extensionId,
  }) => {
    await importFor(c, context, extensionId);
    const expected = fixtureExpected(c.id);
    const adapter = adapterOf(c.id);
    const url = await serveFixture(context, c.id);
    const page = await context.newPage();
    await page.goto(url);
    const frame = await sidebarFrame(page, extensionId);

    // Level, segment and stage come from the import: c.why
    await expectBuyer(frame, expected.buyerNick, c.want);

    await confirmSizeConcern(frame, () => appendBuyerMessage(page, adapter, c.sizeQuestion), c.sizeQuestion);

    // Insertion: the console's own state takes the text, its send button enables, nothing is sent.
    const rows = await messageRowCount(page, adapter);
    expect(await sendEnabled(page, adapter.selectors.sendButton!)).toBe(false);
    expect(await insertThroughHub(frame, c.reply)).toEqual({ ok: true });
    await expect.poll(() => sendEnabled(page, adapter.selectors.sendButton!)).toBe(true);
    expect(await inputText(page, adapter)).toContain(c.reply);
    await page.waitForTimeout(300);
    expect(await messageRowCount(page, adapter)).toBe(rows);

    // After a reload the concern is listed for this buyer.
    await page.reload();
    const again = await sidebarFrame(page, extensionId);
    await expect(again.getByTestId('buyer-nick')).toHaveText(expected.buyerNick);
    await expect(
      again.locator('[data-testid="concern-item"][data-concern="size"]').filter({ hasText: c.sizeQuestion }),
    ).toHaveCount(1);
  });
}

for (const changed of ['pinduoduo-changed', 'douyin-changed']) {
  test(`${changed}: a console whose markup no longer matches says so instead of showing a buyer`, async ({
    context,
    extensionId,
  }) => {
    const url = await serveFixture(context, changed);
    const page = await context.newPage();
    await page.goto(url);
    const frame = await sidebarFrame(page, extensionId);
    await expect(frame.getByTestId('sidebar-status')).toBeVisible();
    await expect(frame.getByTestId('buyer-nick')).toHaveCount(0);
  });
}

test.describe('following the pinduoduo console as its page changes', () => {
  const pdd = CASES[0]!;

  test('a replaced conversation subtree is read again; a list that stops matching shows the status, never the old buyer', async ({
    context,
    extensionId,
  }) => {
    await importFor(pdd, context, extensionId);
    const page = await context.newPage();
    await page.goto(await serveFixture(context, 'pinduoduo'));
    const frame = await sidebarFrame(page, extensionId);
    await expectBuyer(frame, '墨墨的小铺常客', pdd.want);

    // Vue re-renders the whole chat window for another buyer: new elements, nothing reused.
    await page.evaluate(() => {
      const old = document.querySelector('.chat-window')!;
      const next = old.cloneNode(true) as Element;
      next.querySelector('.chatWindowHeader .name')!.textContent = 'pdd_73102988';
      for (const el of next.querySelectorAll('[currentuid]')) el.setAttribute('currentuid', '7310298847');
      for (const li of next.querySelectorAll('li.onemsg'))
        li.id = li.id.replace('middlePanel_list_', 'middlePanel_list_9');
      old.replaceWith(next);
    });
    // uid 7310298847 bought once, ¥59, 120 days ago.
    await expectBuyer(frame, 'pdd_73102988', { level: 'VIP1', segment: 'general_retain', stage: 'sleeping' });

    // A console update renames the message list: the sidebar must not keep showing that buyer.
    await page.evaluate(() => {
      for (const ul of document.querySelectorAll('ul.msg-list')) ul.className = 'msg-list-v2';
    });
    await expect(frame.getByTestId('sidebar-status')).toBeVisible();
    await expect(frame.getByTestId('buyer-nick')).toHaveCount(0);

    await page.evaluate(() => {
      for (const ul of document.querySelectorAll('ul.msg-list-v2')) ul.className = 'msg-list';
    });
    await expect(frame.getByTestId('buyer-nick')).toHaveText('pdd_73102988');
  });
});

test('the console page cannot read what the sidebar shows', async ({ context, extensionId }) => {
  const jd = CASES[2]!;
  await importFor(jd, context, extensionId);
  const page = await context.newPage();
  // The page's own script, running first: it tries to catch shadow roots and listens for messages.
  await page.addInitScript(() => {
    const w = window as unknown as { __roots: ShadowRoot[]; __messages: string[] };
    w.__roots = [];
    w.__messages = [];
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init: ShadowRootInit) {
      const root = attach.call(this, init);
      w.__roots.push(root);
      return root;
    };
    addEventListener('message', (e) => w.__messages.push(JSON.stringify(e.data)));
  });
  await page.goto(await serveFixture(context, 'jd'));
  const frame = await sidebarFrame(page, extensionId);
  await expectBuyer(frame, 'jd_星河买手', jd.want);
  const shown = [
    (await frame.getByTestId('buyer-level').textContent())!.split('·')[0]!.trim(),
    (await frame.getByTestId('buyer-total').textContent())!.trim(),
  ];
  expect(shown[0]).toBeTruthy();
  expect(shown[1]).toMatch(/1,288/);

  const seen = await page.evaluate((secrets) => {
    const host = document.querySelector('huitouke-sidebar');
    const frames: string[] = [];
    for (let i = 0; i < window.frames.length; i++) {
      try {
        frames.push(window.frames[i]!.document.documentElement.outerHTML);
      } catch {
        frames.push('blocked');
      }
    }
    const w = window as unknown as { __roots: ShadowRoot[]; __messages: string[] };
    const texts = [
      document.documentElement.outerHTML,
      document.documentElement.innerText,
      ...frames,
      ...w.__messages,
      ...w.__roots.map((r) => r.innerHTML),
    ];
    return {
      hostExists: host !== null,
      shadowRoot: host ? (host as Element & { shadowRoot: ShadowRoot | null }).shadowRoot : 'no host',
      iframesInDocument: document.querySelectorAll('iframe').length,
      frames,
      caughtOurRoot: w.__roots.some((r) => r.host.tagName === 'HUITOUKE-SIDEBAR'),
      leaked: secrets.filter((s) => texts.some((t) => t.includes(s))),
    };
  }, shown);

  expect(seen.hostExists).toBe(true);
  expect(seen.shadowRoot).toBeNull();
  expect(seen.iframesInDocument).toBe(0);
  // A frame inside a closed shadow root is not even listed in window.frames; any that is must be blocked.
  expect(seen.frames.every((f) => f === 'blocked')).toBe(true);
  expect(seen.caughtOurRoot).toBe(false);
  expect(seen.leaked).toEqual([]);
});

test('qianniu: the sidebar leaves when the single-page app navigates away from customer service, and comes back', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  const url = await serveFixture(context, 'qianniu');
  await page.goto(url);
  const frame = await sidebarFrame(page, extensionId);
  await expect(frame.getByTestId('buyer-nick')).toHaveText(fixtureExpected('qianniu').buyerNick);
  const host = page.locator('huitouke-sidebar');
  await expect(host).toHaveCount(1);

  // The same page, another Qianniu tool: no console here, so no sidebar.
  await page.evaluate(() => history.pushState({}, '', '/home.htm/trade-platform/tp/sold'));
  await expect(host).toHaveCount(0);

  await page.goBack();
  await expect(host).toHaveCount(1);
  const again = await sidebarFrame(page, extensionId);
  await expect(again.getByTestId('buyer-nick')).toHaveText(fixtureExpected('qianniu').buyerNick);
});
