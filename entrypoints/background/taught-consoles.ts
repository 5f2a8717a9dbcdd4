import { browser } from 'wxt/browser';
import { describeConsoleIssues } from '@/lib/consoles/issues';
import { CONSOLE_REPAIRS_KEY, CUSTOM_CONSOLES_KEY } from '@/lib/consoles/stored';
import { applyTaught, withoutRepair } from '@/lib/consoles/taught';
import { db } from '@/lib/db/database';
import { loadAppSettings } from '@/lib/db/settings';
import { pinStatus, verifyPin } from '@/lib/db/supervisor-lock';
import { translate } from '@/lib/i18n';
import { PickerToBackgroundSchema, type PickerSaveAnswer } from '@/lib/schemas/messages';

/** One save at a time: two pickers (two tabs) never write over each other's read. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * With a supervisor PIN set, consoles are the supervisor's to change (as in the options page): the
 * PIN is typed in the popup, never on the console page (whose scripts see every key pressed there),
 * and the picker in that tab may save until this time. Kept in memory: a worker restart asks again.
 */
const TEACH_GRANT_MS = 15 * 60_000;
const teachGrants = new Map<number, number>();

export async function allowTeach(tabId: number, pin: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const check = await verifyPin(db(), pin, Date.now());
  if (!check.ok && check.reason !== 'notSet') return { ok: false, reason: check.reason };
  teachGrants.set(tabId, Date.now() + TEACH_GRANT_MS);
  return { ok: true };
}

async function locale() {
  try {
    return (await loadAppSettings(db())).uiLocale;
  } catch {
    return 'zh-CN' as const;
  }
}

/**
 * Saves what a supervisor taught by pointing (the picker in a console tab). The sender must be this
 * extension's content script in a tab's top frame; the message is parsed, and `applyTaught` checks
 * that the page is the console being saved and validates it with the adapter schema. A new
 * console's script is then registered by the custom-console sync (custom-consoles.ts), which the
 * storage change sets off.
 */
export function handlePickerMessage(
  raw: unknown,
  sender: { id?: string; tab?: { id?: number }; frameId?: number; url?: string },
): Promise<PickerSaveAnswer> | undefined {
  if (sender.id !== browser.runtime.id || sender.tab?.id === undefined || sender.frameId !== 0 || !sender.url)
    return undefined;
  const parsed = PickerToBackgroundSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const pageUrl = sender.url;
  const tabId = sender.tab.id;
  const run = async (): Promise<PickerSaveAnswer> => {
    const loc = await locale();
    const now = Date.now();
    if ((await pinStatus(db(), now)).set && !((teachGrants.get(tabId) ?? 0) > now))
      return { error: translate(loc, 'health_pinNeeded') };
    const stored = await browser.storage.local.get([CUSTOM_CONSOLES_KEY, CONSOLE_REPAIRS_KEY]);
    const outcome = applyTaught(
      parsed.data,
      { custom: stored[CUSTOM_CONSOLES_KEY], repairs: stored[CONSOLE_REPAIRS_KEY] },
      pageUrl,
      Date.now(),
    );
    if (!outcome.ok) {
      if (outcome.error === 'notThisPage') return { error: translate(loc, 'picker_err_notThisPage') };
      if (outcome.error === 'unknownConsole') return { error: translate(loc, 'picker_err_notThisPage') };
      return {
        error: describeConsoleIssues(outcome.error, loc)
          .map((i) => i.text)
          .join('；')
          .slice(0, 500),
      };
    }
    const write: Record<string, unknown> = {};
    if (outcome.custom) write[CUSTOM_CONSOLES_KEY] = outcome.custom;
    if (outcome.repairs) write[CONSOLE_REPAIRS_KEY] = outcome.repairs;
    await browser.storage.local.set(write);
    if (!outcome.custom) return { error: null };
    const saved = outcome.custom.find((c) => c.id === outcome.consoleId);
    const allowed = saved ? await browser.permissions.contains({ origins: [...saved.matches] }) : true;
    return { error: null, waiting: !allowed };
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/** "恢复内置": drop the stored repair of one built-in console (the sidebar asked, through the hub). */
export function restoreBuiltIn(consoleId: string): Promise<void> {
  const run = async () => {
    const stored = await browser.storage.local.get(CONSOLE_REPAIRS_KEY);
    await browser.storage.local.set({ [CONSOLE_REPAIRS_KEY]: withoutRepair(stored[CONSOLE_REPAIRS_KEY], consoleId) });
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
