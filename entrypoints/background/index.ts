import Dexie from 'dexie';
import { browser } from 'wxt/browser';
import { forgetSegmentModel } from '@/lib/db/buyers';
import { db } from '@/lib/db/database';
import { PageToBackgroundSchema } from '@/lib/schemas/messages';
import { clockNow, watchTestClock } from './clock';
import { forgetConsoleTab, onConsoleState } from './order-events';
import { setupCustomConsoles } from './custom-consoles';
import { installBenchHooks } from './bench-hooks';
import { createHub, type HubPort } from './hub';
import { setupManagedPlaybook } from './managed';
import { linkedBuyersChanged, requestReminderRun, setupReminders } from './reminders';
import { setupSeed } from './seed';
import { answerSidebar, sidebarView } from './sidebar-api';
import { allowTeach, handlePickerMessage, restoreBuiltIn } from './taught-consoles';
import { setupTeamSync } from './team';
import { touchesRecords, touchesSyncedTables } from '@/lib/db/sync-store';
import { changeScope } from '@/lib/db/change-scope';

export default defineBackground(() => {
  installBenchHooks();
  const log = (m: string) => console.warn('[huitouke]', m);
  const hub = createHub({
    extensionId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
    // What the agent did; the views it touches are computed again from the database's change events.
    answer: async (request) => answerSidebar(db(), request, await clockNow(), team),
    view: async (buyer) => sidebarView(db(), buyer, await clockNow(), team),
    restoreBuiltIn: (consoleId) => void restoreBuiltIn(consoleId).catch((e: unknown) => log(`restore: ${String(e)}`)),
    // The console's order panel: ties orders to the buyer and keeps live ones; then its events (催付, shipping).
    // Its writes reach the views through the database's change events (below).
    onState: (tabId, state) => onConsoleState(tabId, state, log),
    log: (m) => console.warn('[huitouke]', m),
  });
  // Listeners are registered synchronously so a restarted service worker receives the event that woke it.
  // The shop server's data changed: what a lookup of an unimported buyer answers may have too.
  const team = setupTeamSync(() => {
    hub.changed({ all: true });
    // Another agent's console may have linked orders: their buyers join the buyer list and sweeps.
    linkedBuyersChanged();
    void requestReminderRun(log);
  }, log);
  browser.runtime.onConnect.addListener((port) => hub.connect(port as unknown as HubPort));
  browser.tabs.onRemoved.addListener((tabId) => forgetConsoleTab(tabId));
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
      hub.changed({ all: true });
      // A restore may have replaced the console's links: the run puts linked buyers right.
      linkedBuyersChanged();
      // An import may have brought unpaid orders: scan for reminders now.
      void requestReminderRun(log);
    }
    return undefined;
  });
  // The one source of change events for the views: Dexie's, for the background's own writes and for
  // those of other extension pages (the options page, an import worker); each view is computed again
  // only for what touches its buyer, coalesced (an import's many transactions are one change).
  Dexie.on('storagemutated', (parts) => {
    if (touchesSyncedTables(parts)) team.changed();
    if (!touchesRecords(parts)) return;
    const scope = changeScope(parts);
    if (scope?.all) forgetSegmentModel();
    hub.changed(scope);
  });
  // The test clock moved (demo build): "today" and what is due are the background's to say.
  watchTestClock(() => hub.changed({ all: true }));
  setupSeed(log);
  setupReminders(log, () => hub.conversations());
  setupCustomConsoles(undefined, log);
  setupManagedPlaybook();
});
