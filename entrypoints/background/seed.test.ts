import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { db } from '@/lib/db/database';
import { generateDemoContacts } from '@/lib/demo/contacts';
import { demoAsOf } from '@/lib/demo/time';
import { DEMO_CONTACTS_KEY, DEMO_CONTACTS_RESULT_KEY, seedDemoContacts } from './seed';

const file = generateDemoContacts({ asOf: demoAsOf(Date.now()), buyers: 300, orders: 1500 });

describe("the demo build's contact-history hook", () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await db().contactLog.clear();
  });

  it('writes the demo contact history into the contact log, once however often it is handed over', async () => {
    expect(file.contacts.length).toBeGreaterThan(20);
    for (let i = 0; i < 2; i++) {
      await fakeBrowser.storage.local.set({ [DEMO_CONTACTS_KEY]: file });
      await seedDemoContacts();
    }
    expect(await db().contactLog.count()).toBe(file.contacts.length);
    expect(await db().contactLog.get(file.contacts[0]!.id)).toEqual(file.contacts[0]);
    const stored = await fakeBrowser.storage.local.get([DEMO_CONTACTS_KEY, DEMO_CONTACTS_RESULT_KEY]);
    expect(stored[DEMO_CONTACTS_KEY]).toBeUndefined();
    expect(stored[DEMO_CONTACTS_RESULT_KEY]).toEqual({ ok: true, count: file.contacts.length, asOf: file.asOf });
  });

  it('refuses a file with a row that is not a contact record, writes nothing and says why', async () => {
    const bad = { ...file, contacts: [...file.contacts.slice(0, 5), { ...file.contacts[5]!, buyerId: '' }] };
    await fakeBrowser.storage.local.set({ [DEMO_CONTACTS_KEY]: bad });
    await seedDemoContacts();
    expect(await db().contactLog.count()).toBe(0);
    const result = (await fakeBrowser.storage.local.get(DEMO_CONTACTS_RESULT_KEY))[DEMO_CONTACTS_RESULT_KEY] as {
      ok: boolean;
      error: string;
    };
    expect(result.ok).toBe(false);
    expect(result.error).toContain('buyerId');
    expect((await fakeBrowser.storage.local.get(DEMO_CONTACTS_KEY))[DEMO_CONTACTS_KEY]).toBeUndefined();
  });

  it('does nothing without a file', async () => {
    await seedDemoContacts();
    expect(await db().contactLog.count()).toBe(0);
    expect((await fakeBrowser.storage.local.get(DEMO_CONTACTS_RESULT_KEY))[DEMO_CONTACTS_RESULT_KEY]).toBeUndefined();
  });
});
