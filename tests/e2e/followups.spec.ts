import { readFileSync } from 'node:fs';
import { DEMO_EXPORT, expect, importFiles, readStore, test } from './fixtures';

/** Issue 23 item 4: what an agent can act on today, apart from the supervisor's mass care. */

const ACTIONABLE = new Set(['unpaid', 'shipping', 'checkin', 'manual']);
const MASS_CARE = ['stage_end', 'day100', 'anniversary', 'birthday'];

test('after importing the demo shop: the popup shows at most a day of actionable follow-ups by value, and mass care waits in exportable campaign lists', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(180_000);
  await importFiles(context, extensionId, [DEMO_EXPORT]);

  // The background makes the reminders after the import; wait until the greetings are there.
  await expect
    .poll(
      async () =>
        (await readStore<{ kind: string; status: string }>(context, extensionId, 'reminders')).filter((r) =>
          MASS_CARE.includes(r.kind),
        ).length,
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);

  // A day's worth for one agent: the cap (a setting) is what the popup lists at most.
  const settingsPage = await context.newPage();
  await settingsPage.goto(`chrome-extension://${extensionId}/options.html#/settings`);
  const perDay = settingsPage.getByTestId('settings-followups-per-day');
  await expect(perDay).toHaveValue('30');
  await settingsPage.close();

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('popup-reminders')).toBeVisible();
  const items = popup.getByTestId('reminder-item');
  await expect(popup.getByTestId('popup-mass-care')).toBeVisible();
  const kinds = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  expect(kinds.length).toBeGreaterThan(0);
  expect(kinds.length).toBeLessThanOrEqual(30);
  // Nobody is chatting in this fresh profile, so greetings and stage-end nudges are not the agent's.
  for (const kind of kinds) expect(ACTIONABLE.has(kind!)).toBe(true);
  const dueValues = await popup
    .locator('[data-testid="reminder-item"].due')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  expect(dueValues).toEqual([...dueValues].sort((a, b) => b - a));

  // The supervisor's campaign lists hold the mass care, one list per kind, each with an export.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#/campaigns`);
  const lists = options.getByTestId('campaign-list');
  await expect(lists.first()).toBeVisible();
  const keys = await lists.evaluateAll((els) =>
    els.map((e) => [e.getAttribute('data-campaign'), Number(e.getAttribute('data-count'))] as const),
  );
  expect(keys.length).toBeGreaterThan(0);
  for (const [key, count] of keys) {
    expect(MASS_CARE).toContain(key!.split(':')[0]);
    expect(count).toBeGreaterThan(0);
  }

  const [first] = keys;
  const list = options.locator(`[data-testid="campaign-list"][data-campaign="${first![0]}"]`);
  const download = options.waitForEvent('download');
  await list.getByTestId('campaign-export').click();
  const file = await (await download).path();
  const rows = readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(rows[0]).toBe('买家昵称,平台,买家编号,关怀类型,到期日');
  expect(rows.length - 1).toBe(first![1]);
  await expect(options.getByTestId('campaign-status')).toContainText(String(first![1]));

  // Recorded as contacts for the dashboard, and the list leaves the page.
  const kind = first![0]!.startsWith('stage_end') ? 'reengage' : 'greeting';
  await expect
    .poll(
      async () =>
        (
          await readStore<{ kind: string; marketing: boolean; text?: string }>(context, extensionId, 'contactLog')
        ).filter((c) => c.kind === kind && c.text?.startsWith('campaign:')).length,
    )
    .toBe(first![1]);
  await expect(list).toHaveCount(0);
});
