import Dexie from 'dexie';
import { browser } from 'wxt/browser';
import { db } from '@/lib/db/database';
import { createHub, type HubPort } from './hub';
import { answerSidebar, WRITES } from './sidebar-api';

export default defineBackground(() => {
  const hub = createHub({
    extensionId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
    answer: async (request) => {
      const value = await answerSidebar(db(), request);
      if (WRITES.has(request.method)) hub.broadcastChanged();
      return value;
    },
    log: (m) => console.warn('[huitouke]', m),
  });
  // Listeners are registered synchronously so a restarted service worker receives the event that woke it.
  browser.runtime.onConnect.addListener((port) => hub.connect(port as unknown as HubPort));
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'toggle-sidebar' && tab?.id !== undefined) hub.toConsole(tab.id, { type: 'toggle' });
  });
  // Writes from other extension pages (an import in the options page, another agent's tab)
  // reach us through Dexie's cross-context change events.
  Dexie.on('storagemutated', () => hub.broadcastChanged());
});
