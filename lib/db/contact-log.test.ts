import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContact, DEFAULT_CONTACT_POLICY } from '../contact';
import type { BuyerProfile } from '../schemas/buyer';
import { asLogEntries, contactKindOf, contactLogOf, markSent, recordContact, recordContactOnce } from './contact-log';
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
const PROFILE = { id: BUYER, stage: { id: 'silent', daysSinceLastPaid: 60, daysToNextStage: 31 } } as unknown as BuyerProfile;
const WINBACK = '小鹿，好久没见啦！店里最近大家都在买羊毛开衫，给老朋友留了一张优惠券：满150减20，有效期到12月19日。';

describe('contact log', () => {
  it('an inserted marketing message counts against the weekly cap only once the console shows it sent', async () => {
    await recordContact(db, { buyerId: BUYER, templateId: 'builtin.reengage.silent', kind: contactKindOf('reengage'), marketing: true, text: WINBACK, couponId: 'aov_threshold' }, T0);
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
    expect(check.reason?.code).toBe('followup_capMarketing');
  });

  it('matches a message the agent lengthened at the end, but not an unrelated one', async () => {
    await recordContact(db, { buyerId: BUYER, templateId: 't1', kind: 'concern', marketing: false, text: '亲，这款偏小一码，平时穿M的建议拍L哦。' }, T0);
    expect(await markSent(db, BUYER, ['亲，这款有色差吗？我看看'], T0 + 1000)).toHaveLength(0);
    expect(await markSent(db, BUYER, ['亲，这款偏小一码，平时穿M的建议拍L哦。有问题再找我～'], T0 + 2000)).toHaveLength(1);
    // Already marked: the same message shown again confirms nothing new.
    expect(await markSent(db, BUYER, ['亲，这款偏小一码，平时穿M的建议拍L哦。'], T0 + 3000)).toHaveLength(0);
  });

  it("keeps buyers apart and remembers the coupon given", async () => {
    await recordContact(db, { buyerId: BUYER, templateId: null, kind: 'coupon', marketing: true, text: '送您一张满150减20', couponId: 'aov_threshold' }, T0);
    expect(await contactLogOf(db, 'taobao:别人')).toEqual([]);
    const [entry] = await contactLogOf(db, BUYER);
    expect(entry?.couponId).toBe('aov_threshold');
    expect(entry?.sent).toBe(false);
  });

  it('records one insert once, however often the sidebar asks (a retry after a worker restart)', async () => {
    const input = { requestId: 'ins-1', buyerId: BUYER, templateId: 't1', kind: 'concern', marketing: false, text: '亲，这款偏小一码。' };
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
    await recordContact(db, { requestId: 'a', buyerId: BUYER, templateId: 't1', kind: 'concern', marketing: false, text }, T0);
    await recordContact(db, { requestId: 'b', buyerId: BUYER, templateId: 't1', kind: 'concern', marketing: false, text }, T0 + 1000);
    expect(await markSent(db, BUYER, [{ id: 'm7', text }], T0 + 2000)).toHaveLength(1);
    expect(await markSent(db, BUYER, [{ id: 'm7', text }], T0 + 3000)).toHaveLength(0);
    expect((await contactLogOf(db, BUYER)).map((e) => e.sent)).toEqual([false, true]);
    // The second sending of that text is another message.
    expect(await markSent(db, BUYER, [{ id: 'm8', text }], T0 + 4000)).toHaveLength(1);
    expect((await contactLogOf(db, BUYER)).map((e) => e.sent)).toEqual([true, true]);
  });
});
