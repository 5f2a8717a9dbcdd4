import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { CONSOLE_REPAIRS_KEY } from '@/lib/consoles/stored';
import { db } from '@/lib/db/database';
import { setPin } from '@/lib/db/supervisor-lock';
import { allowTeach, handlePickerMessage } from './taught-consoles';

const QN_URL = 'https://myseller.taobao.com/home.htm/app-customer-service/toolpage/Message';
const repair = {
  type: 'saveConsoleRepair',
  id: 'qianniu',
  parts: ['messages'],
  selectors: {
    messageRow: '[class*="ChatMessage--item--"]',
    messageText: '.text',
    authorBuyer: '.left',
    authorAgent: '.right',
  },
};
const sender = (tabId: number, url = QN_URL) => ({ id: browser.runtime.id, tab: { id: tabId }, frameId: 0, url });
const storedRepairs = async () =>
  ((await browser.storage.local.get(CONSOLE_REPAIRS_KEY))[CONSOLE_REPAIRS_KEY] ?? []) as Array<{ id: string }>;

beforeEach(async () => {
  fakeBrowser.reset();
  await db().delete();
  await db().open();
});

describe('saving what the picker taught', () => {
  it('takes a repair from the console page it repairs, and nothing from anyone else', async () => {
    expect(handlePickerMessage(repair, { ...sender(3), id: 'another-extension' })).toBeUndefined();
    expect(handlePickerMessage(repair, { ...sender(3), frameId: 2 })).toBeUndefined();
    expect(await handlePickerMessage(repair, sender(3, 'https://example.com/'))).toMatchObject({
      error: expect.stringContaining('不是要保存的工作台'),
    });
    expect(await storedRepairs()).toEqual([]);
    expect(await handlePickerMessage(repair, sender(3))).toEqual({ error: null });
    expect((await storedRepairs()).map((r) => r.id)).toEqual(['qianniu']);
  });

  it('with a supervisor PIN set, saves only for a tab whose PIN was given in the popup', async () => {
    expect(await setPin(db(), { current: null, next: '2468', by: '主管' }, Date.now(), 1000)).toMatchObject({
      ok: true,
    });
    expect(await handlePickerMessage(repair, sender(5))).toMatchObject({ error: expect.stringContaining('主管 PIN') });
    expect(await allowTeach(5, '1111')).toEqual({ ok: false, reason: 'wrong' });
    expect(await handlePickerMessage(repair, sender(5))).toMatchObject({ error: expect.stringContaining('主管 PIN') });
    expect(await storedRepairs()).toEqual([]);
    expect(await allowTeach(5, '2468')).toEqual({ ok: true });
    // Another tab is not let in by it.
    expect(await handlePickerMessage(repair, sender(6))).toMatchObject({ error: expect.stringContaining('主管 PIN') });
    expect(await handlePickerMessage(repair, sender(5))).toEqual({ error: null });
    expect((await storedRepairs()).map((r) => r.id)).toEqual(['qianniu']);
  });
});
