import { z } from 'zod';
import { browser } from 'wxt/browser';
import { db } from '@/lib/db/database';
import { seedPlaybook } from '@/lib/db/playbook';
import { DemoContactsFileSchema } from '@/lib/demo/contacts-schema';

/**
 * Puts the default templates, coupons and coupon rules into the database on install, and on any
 * start where they are missing (a database cleared by hand). `seedPlaybook` only fills empty
 * tables, so a supervisor's edits are never overwritten.
 */
export function setupSeed(log: (m: string) => void): void {
  const seed = () =>
    void seedPlaybook(db(), Date.now()).catch((e: unknown) =>
      log(`seed: ${e instanceof Error ? e.message : String(e)}`),
    );
  browser.runtime.onInstalled.addListener(seed);
  seed();
  if (import.meta.env.MODE === 'demo') setupDemoContactSeed(log);
}

/**
 * Demo/test build only (`--mode demo`): the demo shop's contact history. Orders come in through the
 * options page like any export, but what agents sent is the extension's own data, with no import.
 * `npm start` and the end-to-end tests put the demo build's `contacts.json` in `storage.local` under
 * this key; it is validated as a whole (contact-log records, nothing else), written into the contact
 * log, and the key removed. The outcome is left under {@link DEMO_CONTACTS_RESULT_KEY}. The store
 * build never reads either key.
 */
export const DEMO_CONTACTS_KEY = 'demoContactLog';
export const DEMO_CONTACTS_RESULT_KEY = 'demoContactLogResult';

function setupDemoContactSeed(log: (m: string) => void): void {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running
      .then(() => seedDemoContacts())
      .catch((e: unknown) => log(`demo contacts: ${e instanceof Error ? e.message : String(e)}`));
  };
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[DEMO_CONTACTS_KEY]?.newValue !== undefined) run();
  });
  run();
}

/** One run of the hook: reads the key, writes what validates, reports, removes the key. */
export async function seedDemoContacts(): Promise<void> {
  const raw: unknown = (await browser.storage.local.get(DEMO_CONTACTS_KEY))[DEMO_CONTACTS_KEY];
  if (raw === undefined) return;
  const parsed = DemoContactsFileSchema.safeParse(raw);
  let result: { ok: true; count: number; asOf: string } | { ok: false; error: string };
  if (parsed.success) {
    await db().contactLog.bulkPut(parsed.data.contacts);
    result = { ok: true, count: parsed.data.contacts.length, asOf: parsed.data.asOf };
  } else {
    result = { ok: false, error: z.prettifyError(parsed.error) };
  }
  await browser.storage.local.remove(DEMO_CONTACTS_KEY);
  await browser.storage.local.set({ [DEMO_CONTACTS_RESULT_KEY]: result });
}
