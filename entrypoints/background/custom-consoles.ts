import { browser } from 'wxt/browser';
import { parseCustomConsoles } from '@/lib/consoles/custom';
import { CUSTOM_CONSOLES_KEY } from '@/lib/consoles/stored';
import type { ConsoleAdapter } from '@/lib/consoles/schema';

/** Dynamic content scripts of custom consoles carry this id prefix; others are left alone. */
export const SCRIPT_ID_PREFIX = 'htk-custom-';
/** The console content script as the build writes it (WXT's output path for huitouke.content). */
export const CONTENT_SCRIPT_FILE = 'content-scripts/huitouke.js';

interface ScriptRegistration {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
}
type NewRegistration = ScriptRegistration & { matches: string[]; js: string[] };

/** The extension APIs the sync uses, so tests can pass fakes for the parts WXT's fake browser lacks. */
export interface CustomConsoleApis {
  readStored(): Promise<unknown>;
  hasOrigins(origins: string[]): Promise<boolean>;
  getRegistered(): Promise<ScriptRegistration[]>;
  register(scripts: NewRegistration[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
}

export function browserApis(): CustomConsoleApis {
  return {
    readStored: async () => (await browser.storage.local.get(CUSTOM_CONSOLES_KEY))[CUSTOM_CONSOLES_KEY],
    hasOrigins: (origins) => browser.permissions.contains({ origins }),
    getRegistered: () => browser.scripting.getRegisteredContentScripts() as Promise<ScriptRegistration[]>,
    register: (scripts) => browser.scripting.registerContentScripts(scripts),
    unregister: (ids) => browser.scripting.unregisterContentScripts({ ids }),
  };
}

export interface SyncResult {
  /** Consoles whose script is registered after the sync. */
  active: string[];
  /** Consoles saved without the host permission they need (declined, or revoked later). */
  waitingForPermission: string[];
}

function registrationFor(c: ConsoleAdapter): NewRegistration {
  return { id: SCRIPT_ID_PREFIX + c.id, matches: [...c.matches], js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle' };
}

const sameRegistration = (a: ScriptRegistration, b: ScriptRegistration) =>
  JSON.stringify([a.matches, a.js, a.runAt]) === JSON.stringify([b.matches, b.js, b.runAt]);

/**
 * Make the registered content scripts match the saved custom consoles: one script per console
 * whose sites the supervisor allowed; nothing for a console without permission or one that was
 * removed. Stored definitions are validated again here. Only changed registrations are touched.
 */
export async function syncCustomConsoleScripts(apis: CustomConsoleApis): Promise<SyncResult> {
  const consoles = parseCustomConsoles(await apis.readStored());
  const wanted = new Map<string, NewRegistration>();
  const waitingForPermission: string[] = [];
  for (const c of consoles) {
    if (await apis.hasOrigins([...c.matches])) wanted.set(SCRIPT_ID_PREFIX + c.id, registrationFor(c));
    else waitingForPermission.push(c.id);
  }
  const current = (await apis.getRegistered()).filter((s) => s.id.startsWith(SCRIPT_ID_PREFIX));
  const stale = current.filter((s) => {
    const want = wanted.get(s.id);
    return !want || !sameRegistration(s, want);
  });
  if (stale.length) await apis.unregister(stale.map((s) => s.id));
  const kept = new Set(current.filter((s) => !stale.includes(s)).map((s) => s.id));
  const fresh = [...wanted.values()].filter((s) => !kept.has(s.id));
  if (fresh.length) await apis.register(fresh);
  return { active: [...wanted.keys()].map((id) => id.slice(SCRIPT_ID_PREFIX.length)), waitingForPermission };
}

/**
 * Keeps the registrations in step: at start-up, when the custom consoles change in storage, and
 * when host permissions are granted or revoked. Listeners are added synchronously so a restarted
 * service worker still receives the event that woke it; syncs run one after another.
 */
export function setupCustomConsoles(
  apis: CustomConsoleApis = browserApis(),
  log: (m: string) => void = (m) => console.warn('[huitouke]', m),
): () => Promise<SyncResult | null> {
  let queue: Promise<SyncResult | null> = Promise.resolve(null);
  const sync = () => {
    queue = queue.then(
      () => syncCustomConsoleScripts(apis),
      () => syncCustomConsoleScripts(apis),
    );
    queue.catch((e: unknown) => log(`custom consoles: ${e instanceof Error ? e.message : String(e)}`));
    return queue.catch(() => null);
  };
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && CUSTOM_CONSOLES_KEY in changes) void sync();
  });
  browser.permissions.onAdded.addListener(() => void sync());
  browser.permissions.onRemoved.addListener(() => void sync());
  browser.runtime.onStartup.addListener(() => void sync());
  void sync();
  return sync;
}
