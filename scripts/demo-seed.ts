// Hands the demo build's contact history (demo/dist/data/contacts.json) to the demo extension's
// background, which writes it into the contact log (entrypoints/background/seed.ts; demo build only).
// Used by `npm start` and the end-to-end tests after the demo shop's export is imported.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import { CONTACTS_FILE, findDemoExport } from './demo-data';

/** The part of the extension API evaluated inside the service worker. */
interface WorkerChrome {
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(key: string): Promise<void>;
    };
  };
}
declare const chrome: WorkerChrome;

/** The storage.local keys of the demo-only hook (see entrypoints/background/seed.ts). */
const KEY = 'demoContactLog';
const RESULT_KEY = 'demoContactLogResult';

export function demoContactsPath(): string {
  return join(dirname(findDemoExport()), CONTACTS_FILE);
}

async function backgroundOf(context: BrowserContext): Promise<Worker> {
  const [worker] = context.serviceWorkers();
  return worker ?? (await context.waitForEvent('serviceworker'));
}

/** Seeds the contact log and resolves with the number of records written; rejects with the hook's reason. */
export async function seedDemoContacts(context: BrowserContext, path = demoContactsPath()): Promise<number> {
  const file: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const worker = await backgroundOf(context);
  await worker.evaluate(
    async ([key, resultKey, value]) => {
      await chrome.storage.local.remove(resultKey as string);
      await chrome.storage.local.set({ [key as string]: value });
    },
    [KEY, RESULT_KEY, file] as const,
  );
  for (let i = 0; i < 200; i++) {
    const result = await (
      await backgroundOf(context)
    ).evaluate(
      async (resultKey) =>
        (await chrome.storage.local.get(resultKey))[resultKey] as
          { ok: boolean; count?: number; error?: string } | undefined,
      RESULT_KEY,
    );
    if (result?.ok) return result.count ?? 0;
    if (result) throw new Error(`the demo contact history was refused: ${result.error ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the demo extension did not take the contact history (is this the demo build?)');
}
