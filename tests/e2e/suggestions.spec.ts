import type { BrowserContext } from '@playwright/test';
import { daysBetween } from '../../lib/dates/local-date';
import { localDateAt } from '../../lib/reminders/time';
import { DEMO_EXPORT, expect, importFiles, openConsole, readBuyers, readStore, sidebarFrame, test } from './fixtures';

interface StoredBuyer {
  key: string;
  platform: string;
  paidOrders: number;
  lastPaidDate: string | null;
  paidDates: string[];
}

async function storedBuyers(context: BrowserContext, extensionId: string): Promise<StoredBuyer[]> {
  return (await readBuyers(context, extensionId)).map((b) => ({
    key: b.buyerKey,
    platform: b.platform,
    paidOrders: b.metrics.paidOrders,
    lastPaidDate: b.metrics.lastPaidDate,
    paidDates: b.metrics.paidDates,
  }));
}

const QUESTION = '这个有色差吗，我165穿什么码';

test.describe('suggestions in the demo console', () => {
  test('a returning silent-stage buyer asks about colour and size: answers ranked with reasons, Enter inserts without sending', async ({
    context,
    extensionId,
  }) => {
    await importFiles(context, extensionId, [DEMO_EXPORT]);
    const today = localDateAt(Date.now(), 'Asia/Shanghai');
    const within90 = (b: StoredBuyer) =>
      b.paidDates.filter((d) => daysBetween(d, today) >= 0 && daysBetween(d, today) < 90).length;
    // Silent: last paid order 46–90 days ago; returning: more than one paid order; one or two
    // orders in 90 days, so the half-year free-shipping coupon applies.
    const buyer = (await storedBuyers(context, extensionId)).find((b) => {
      if (b.platform !== 'taobao' || b.paidOrders < 2 || !b.lastPaidDate) return false;
      const days = daysBetween(b.lastPaidDate, today);
      return days >= 46 && days <= 79 && within90(b) <= 2;
    });
    expect(buyer, 'the demo data has a returning buyer in the silent stage').toBeTruthy();
    const key = buyer!.key;

    const page = await openConsole(
      context,
      `?buyer=${encodeURIComponent(key)}&nick=${encodeURIComponent(key)}&script=off`,
    );
    const frame = await sidebarFrame(page, extensionId);
    await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
    const agentRows = page.locator('[data-testid="message"][data-author="agent"]');
    const agentBefore = await agentRows.count();

    // A conversation opened from the URL starts empty; the buyer's question arrives.
    await page.evaluate(([id, text]) => window.__demoConsole!.receive(id!, text!), [key, QUESTION]);
    await expect(frame.getByTestId('buyer-nick')).toHaveText(key);

    const items = frame.getByTestId('suggestion-item');
    await expect
      .poll(async () =>
        (await items.evaluateAll((els) => els.slice(0, 2).map((e) => e.getAttribute('data-template-id')))).sort(),
      )
      .toEqual(['builtin.concern.photo_match', 'builtin.concern.size']);
    const reasons = await frame.getByTestId('suggestion-reason').allTextContents();
    expect(reasons[0]).toContain('色差');
    expect(reasons[1]).toContain('尺码');
    for (const reason of reasons.slice(0, 2)) {
      expect(reason).toContain('买家问了');
      expect(reason).toContain('沉默期');
    }

    // Coupons for this buyer, with why.
    const coupon = frame.locator('[data-testid="coupon-item"][data-coupon-id="free_shipping_half_year"]');
    await expect(coupon).toBeVisible();
    await expect(coupon.getByTestId('coupon-reason')).toContainText('近90天下单');

    // Keyboard: Alt+J focuses the list, Enter opens the top answer's blank, Enter again inserts.
    await frame.locator('.bar .brand').click();
    await page.keyboard.press('Alt+j');
    await expect(frame.getByTestId('suggestion-list')).toBeFocused();
    await page.keyboard.press('Enter');
    const blank = frame.getByTestId('suggestion-blank').first();
    await expect(blank).toBeFocused();
    await page.keyboard.type('比图片稍暖一点');
    const preview = frame.locator(
      '[data-testid="suggestion-item"][data-template-id="builtin.concern.photo_match"] [data-testid="suggestion-preview"]',
    );
    await expect(preview).toContainText('比图片稍暖一点');
    const rendered = (await preview.textContent()) ?? '';
    expect(rendered).not.toContain('{{');
    expect(rendered).not.toContain('【');
    await page.keyboard.press('Enter');

    await expect(page.getByTestId('chat-input')).toHaveValue(rendered);
    await expect(page.getByTestId('send')).toBeEnabled();
    await expect(frame.getByTestId('suggestion-notice')).toBeVisible();
    // Inserted, never sent: the thread has no new agent message.
    expect(await agentRows.count()).toBe(agentBefore);

    // `/` searches every template; pinyin initials find 尺码. (Inserting moved the focus to the
    // console's input; the agent comes back to the sidebar.)
    await frame.locator('.bar .brand').click();
    await page.keyboard.press('Alt+j');
    await page.keyboard.press('/');
    await expect(frame.getByTestId('suggestion-search')).toBeFocused();
    await page.keyboard.type('cm');
    await expect(items.first()).toHaveAttribute('data-template-id', 'builtin.concern.size');

    // The agent sends it: the contact log marks the insertion as sent, and the template's use is counted.
    await page.getByTestId('send').click();
    await expect(agentRows).toHaveCount(agentBefore + 1);
    await expect
      .poll(async () => {
        const log = await readStore<{ templateId: string | null; sent?: boolean; buyerId: string }>(
          context,
          extensionId,
          'contactLog',
        );
        return log
          .filter((e) => e.templateId === 'builtin.concern.photo_match' && e.buyerId === `taobao:${key}`)
          .map((e) => e.sent);
      })
      .toEqual([true]);
    const templates = await readStore<{ id: string; usageCount: number; lastUsedAt: number | null }>(
      context,
      extensionId,
      'templates',
    );
    expect(templates.find((x) => x.id === 'builtin.concern.photo_match')?.usageCount).toBe(1);

    // Offering the coupon opens the silent stage's win-back message with the coupon filled in.
    await coupon.getByTestId('coupon-use').click();
    const offered = items.first();
    await expect(offered).toHaveAttribute('data-template-id', 'builtin.reengage.silent');
    await expect(offered.getByTestId('suggestion-preview')).toContainText('半年包邮卡');
    await expect(offered.getByTestId('suggestion-preview')).not.toContainText('coupon.');
    await expect(offered.getByTestId('suggestion-blank').first()).toBeFocused();
  });
});
