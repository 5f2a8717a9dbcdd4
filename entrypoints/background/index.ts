import Dexie from 'dexie';
import { browser } from 'wxt/browser';
import { forgetSegmentModel } from '@/lib/db/buyers';
import { db } from '@/lib/db/database';
import { PageToBackgroundSchema } from '@/lib/schemas/messages';
import { clockNow } from './clock';
import { onConsoleState } from './order-events';
import { setupCustomConsoles } from './custom-consoles';
import { installBenchHooks } from './bench-hooks';
import { createHub, type HubPort } from './hub';
import { setupManagedPlaybook } from './managed';
import { linkedBuyersChanged, requestReminderRun, setupReminders } from './reminders';
import { setupSeed } from './seed';
import { answerSidebar, WRITES } from './sidebar-api';
import { allowTeach, handlePickerMessage, restoreBuiltIn } from './taught-consoles';
import { setupTeamSync } from './team';
import { touchesRecords, touchesSyncedTables } from '@/lib/db/sync-store';

export default defineBackground(() => {
  installBenchHooks();
  const log = (m: string) => console.warn('[huitouke]', m);
  const hub = createHub({
    extensionId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
    answer: async (request) => {
      const value = await answerSidebar(db(), request, await clockNow(), team);
      if (WRITES.has(request.method)) hub.broadcastChanged();
      return value;
    },
    restoreBuiltIn: (consoleId) => void restoreBuiltIn(consoleId).catch((e: unknown) => log(`restore: ${String(e)}`)),
    // The console's order panel: ties orders to the buyer and keeps live ones; then its events (催付, shipping).
    onState: (tabId, state) => onConsoleState(tabId, state, () => hub.broadcastChanged(), log),
    log: (m) => console.warn('[huitouke]', m),
  });
  // Listeners are registered synchronously so a restarted service worker receives the event that woke it.
  const team = setupTeamSync(() => {
    hub.broadcastChanged();
    // Another agent's console may have linked orders: their buyers join the buyer list and sweeps.
    linkedBuyersChanged();
    void requestReminderRun(log);
  }, log);
  browser.runtime.onConnect.addListener((port) => hub.connect(port as unknown as HubPort));
  browser.commands.onCommand.addListener((command, tab) => {
    if (tab?.id === undefined) return;
    if (command === 'toggle-sidebar') hub.toConsole(tab.id, { type: 'toggle' });
    if (command === 'focus-suggestions') {
      hub.toConsole(tab.id, { type: 'focus' });
      hub.toSidebars(tab.id, { type: 'focusSuggestions' });
    }
  });
  const origin = new URL(browser.runtime.getURL('/')).origin;
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    // The picker in a console tab saves what was taught (the sender is checked there).
    if (sender.tab && sender.url?.startsWith('http')) return handlePickerMessage(raw, sender);
    // Only the extension's own pages (not content scripts, not other extensions) may say this.
    if (
      sender.id !== browser.runtime.id ||
      !sender.url?.startsWith(`${origin}/`) ||
      sender.tab?.url?.startsWith('http')
    )
      return undefined;
    const parsed = PageToBackgroundSchema.safeParse(raw);
    if (parsed.success && parsed.data.type === 'tabState') return Promise.resolve(hub.stateOf(parsed.data.tabId));
    if (parsed.success && parsed.data.type === 'allowTeach') return allowTeach(parsed.data.tabId, parsed.data.pin);
    if (parsed.success && parsed.data.type === 'restoreBuiltIn')
      return restoreBuiltIn(parsed.data.consoleId).then(() => true);
    if (parsed.success && parsed.data.type === 'dataChanged') {
      forgetSegmentModel();
      hub.broadcastChanged();
      // A restore may have replaced the console's links: the run puts linked buyers right.
      linkedBuyersChanged();
      // An import may have brought unpaid orders: scan for reminders now.
      void requestReminderRun(log);
    }
    return undefined;
  });
  // Writes from other extension pages (an import in the options page, another agent's tab)
  // reach us through Dexie's cross-context change events.
  Dexie.on('storagemutated', (parts) => {
    if (touchesSyncedTables(parts)) team.changed();
    if (!touchesRecords(parts)) return;
    forgetSegmentModel();
    hub.broadcastChanged();
  });
  setupSeed(log);
  setupReminders(log, () => hub.conversations());
  setupCustomConsoles(undefined, log);
  setupManagedPlaybook();
});
