import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContact, DEFAULT_CONTACT_POLICY } from '../contact';
import type { BuyerProfile } from '../schemas/buyer';
import { textFingerprint } from '../guard/compliance';
import {
  asLogEntries,
  contactKindOf,
  contactLogOf,
  markSent,
  recordContact,
  recordContactOnce,
  sameTextBuyers,
} from './contact-log';
import { HuitoukeDb } from './database';

let db: HuitoukeDb;
let n = 0;
beforeEach(() => {
  db = new HuitoukeDb(`contact-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const T0 = Date.UTC(2026, 10, 20, 4);
const BUYER = 'taobao:小鹿';
const PROFILE = {
  id: BUYER,
  stage: { id: 'silent', daysSinceLastPaid: 60, daysToNextStage: 31 },
} as unknown as BuyerProfile;
const WINBACK = '小鹿，好久没见啦！店里最近大家都在买羊毛开衫，给老朋友留了一张优惠券：满150减20，有效期到12月19日。';

describe('contact log', () => {
  it('an inserted marketing message counts against the weekly cap only once the console shows it sent', async () => {
    await recordContact(
      db,
      {
        buyerId: BUYER,
        templateId: 'builtin.reengage.silent',
        kind: contactKindOf('reengage'),
        marketing: true,
        text: WINBACK,
        couponId: 'aov_threshold',
      },
      T0,
    );
    const intent = { kind: 'reengage', marketing: true };
    const unsent = asLogEntries(await contactLogOf(db, BUYER));
    expect(checkContact(PROFILE, intent, unsent, DEFAULT_CONTACT_POLICY, T0 + 1000).capped).toBe(false);

    // The agent sent it with a line break the console added.
    const marked = await markSent(db, BUYER, ['其他消息', WINBACK.replace('！', '！\n')], T0 + 60_000);
    expect(marked).toHaveLength(1);
    const sent = asLogEntries(await contactLogOf(db, BUYER));
    expect(sent[0]!.sent).toBe(true);
    const check = checkContact(PROFILE, intent, sent, DEFAULT_CONTACT_POLICY, T0 + 2 * 86_400_000);
    expect(check.capped).toBe(true);
    expect(check.reason?.code).toBe('contact_capMarketing');
  });

  it('matches a message the agent lengthened at the end, but not an unrelated one', async () => {
    await recordContact(
      db,
      {
        buyerId: BUYER,
        templateId: 't1',
        kind: 'concern',
        marketing: false,
        text: '亲，这款偏小一码，平时穿M的建议拍L哦。',
      },
      T0,
    );
    expect(await markSent(db, BUYER, ['亲，这款有色差吗？我看看'], T0 + 1000)).toHaveLength(0);
    expect(await markSent(db, BUYER, ['亲，这款偏小一码，平时穿M的建议拍L哦。有问题再找我～'], T0 + 2000)).toHaveLength(
      1,
    );
    // Already marked: the same message shown again confirms nothing new.
    expect(await markSent(db, BUYER, ['亲，这款偏小一码，平时穿M的建议拍L哦。'], T0 + 3000)).toHaveLength(0);
  });

  it('keeps buyers apart and remembers the coupon given', async () => {
    await recordContact(
      db,
      {
        buyerId: BUYER,
        templateId: null,
        kind: 'coupon',
        marketing: true,
        text: '送您一张满150减20',
        couponId: 'aov_threshold',
      },
      T0,
    );
    expect(await contactLogOf(db, 'taobao:别人')).toEqual([]);
    const [entry] = await contactLogOf(db, BUYER);
    expect(entry?.couponId).toBe('aov_threshold');
    expect(entry?.sent).toBe(false);
  });

  it('records one insert once, however often the sidebar asks (a retry after a worker restart)', async () => {
    const input = {
      requestId: 'ins-1',
      buyerId: BUYER,
      templateId: 't1',
      kind: 'concern',
      marketing: false,
      text: '亲，这款偏小一码。',
    };
    const first = await recordContactOnce(db, input, T0);
    const again = await recordContactOnce(db, input, T0 + 5000);
    expect(first.created).toBe(true);
    expect(again).toEqual({ entry: first.entry, created: false });
    expect(await contactLogOf(db, BUYER)).toHaveLength(1);
    // Another insert of the same text is another contact.
    await recordContact(db, { ...input, requestId: 'ins-2' }, T0 + 6000);
    expect(await contactLogOf(db, BUYER)).toHaveLength(2);
  });

  it('a sent message reported again (same console message id) confirms no second entry', async () => {
    const text = '亲，这款偏小一码，平时穿M的建议拍L哦。';
    await recordContact(
      db,
      { requestId: 'a', buyerId: BUYER, templateId: 't1', kind: 'concern', marketing: false, text },
      T0,
    );
    await recordContact(
      db,
      { requestId: 'b', buyerId: BUYER, templateId: 't1', kind: 'concern', marketing: false, text },
      T0 + 1000,
    );
    expect(await markSent(db, BUYER, [{ id: 'm7', text }], T0 + 2000)).toHaveLength(1);
    expect(await markSent(db, BUYER, [{ id: 'm7', text }], T0 + 3000)).toHaveLength(0);
    expect((await contactLogOf(db, BUYER)).map((e) => e.sent)).toEqual([false, true]);
    // The second sending of that text is another message.
    expect(await markSent(db, BUYER, [{ id: 'm8', text }], T0 + 4000)).toHaveLength(1);
    expect((await contactLogOf(db, BUYER)).map((e) => e.sent)).toEqual([true, true]);
  });
});

describe('the same text to many buyers', () => {
  const NOTICE = '亲，您的包裹已经发出，请注意查收哦！';
  const log = (buyerId: string, text: string, at: number) =>
    recordContact(db, { buyerId, templateId: null, kind: 'custom', marketing: false, text }, at);

  it('records each insert with the fingerprint of its text', async () => {
    const entry = await log(BUYER, NOTICE, T0);
    expect(entry.fingerprint).toBe(textFingerprint(NOTICE));
    // Punctuation and spacing do not make it another text.
    expect(textFingerprint('亲 您的包裹已经发出 请注意查收哦')).toBe(entry.fingerprint);
  });

  it('counts the distinct other buyers who had a text inside the window, older entries by their text', async () => {
    const now = Date.now();
    const hour = 3_600_000;
    for (const b of ['a', 'b', 'c']) await log(`shopee:${b}`, NOTICE, now - hour);
    await log('shopee:a', NOTICE, now - 2 * hour); // the same buyer twice counts once
    await log('shopee:old', NOTICE, now - 30 * hour); // outside a 24-hour window
    await log(BUYER, NOTICE, now - hour); // the buyer asking is not "another" buyer
    await log('shopee:d', '亲，这款偏小一码，建议拍大一码哦', now - hour);
    await log('shopee:e', '亲，这款偏小一码，建议拍大一码哦', now - hour);
    // An entry written before entries carried a fingerprint (a backup, another agent's sync) counts by its text.
    await db.contactLog.put({
      id: 'legacy',
      buyerId: 'shopee:f',
      templateId: null,
      kind: 'custom',
      marketing: false,
      at: now - hour,
      sent: true,
      updatedAt: now - hour,
      text: NOTICE,
    });
    // A deleted entry does not count.
    await db.contactLog.put({
      id: 'gone',
      buyerId: 'shopee:g',
      templateId: null,
      kind: 'custom',
      marketing: false,
      at: now - hour,
      sent: true,
      updatedAt: now,
      deletedAt: now,
      text: NOTICE,
    });
    const same = await sameTextBuyers(db, BUYER, now - 24 * hour);
    expect(same).toEqual([
      { fingerprint: textFingerprint(NOTICE), buyers: 4 },
      { fingerprint: textFingerprint('亲，这款偏小一码，建议拍大一码哦'), buyers: 2 },
    ]);
    // A text only one other buyer had is left out (the rule needs at least two).
    await log('shopee:h', '只发过一次的话', now - hour);
    expect((await sameTextBuyers(db, BUYER, now - 24 * hour)).map((s) => s.buyers)).toEqual([4, 2]);
  });
});
