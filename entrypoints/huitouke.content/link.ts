import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ConsoleToHub, HubToConsole } from '@/lib/schemas/messages';
import { CONSOLE_PORT_NAME, parseHubToConsole } from './guards';

export interface HubLink {
  send(message: ConsoleToHub): void;
  /** Disconnect for good (the page left the console); the hub tells the sidebar. */
  close(): void;
}

/**
 * A port to the background hub that comes back after the service worker is stopped: on
 * disconnect it reconnects and calls `onConnect` so the caller re-sends its state.
 * Messages from the hub are validated before they reach `onMessage`.
 */
export function connectHub(
  ctx: ContentScriptContext,
  onMessage: (message: HubToConsole) => void,
  onConnect: () => void,
): HubLink {
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  let retries = 0;
  let closed = false;

  const open = () => {
    if (ctx.isInvalid || closed) return;
    try {
      port = browser.runtime.connect({ name: CONSOLE_PORT_NAME });
    } catch {
      // The extension was reloaded or removed: this content script is orphaned and stays quiet.
      port = undefined;
      return;
    }
    retries = 0;
    port.onMessage.addListener((raw: unknown) => {
      const message = parseHubToConsole(raw);
      if (message) onMessage(message);
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      if (ctx.isInvalid || closed) return;
      // The service worker was stopped; a connect wakes it. Back off if it keeps failing.
      const delay = Math.min(5000, 50 * 2 ** retries++);
      ctx.setTimeout(open, delay);
    });
    // After the caller has the link in hand (the first connect happens inside connectHub).
    queueMicrotask(() => {
      if (!closed) onConnect();
    });
  };
  open();
  const close = () => {
    closed = true;
    port?.disconnect();
    port = undefined;
  };
  ctx.onInvalidated(close);

  return {
    send(message) {
      if (!port) return;
      try {
        port.postMessage(message);
      } catch {
        port = undefined;
      }
    },
    close,
  };
}
