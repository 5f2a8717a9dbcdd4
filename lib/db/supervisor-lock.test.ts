import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HuitoukeDb } from './database';
import { hashPin, loadPinRecord, MAX_PIN_FAILURES, PIN_LOCKOUT_MINUTES, pinStatus, setPin, verifyPin } from './supervisor-lock';

let db: HuitoukeDb;
let n = 0;
beforeEach(() => {
  db = new HuitoukeDb(`pin-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

// Fewer iterations keep the tests quick; the algorithm is the same.
const FAST = 1_000;
const T0 = Date.UTC(2026, 10, 20, 2);

describe('supervisor PIN', () => {
  it('is open until a PIN is set, and then accepts only that PIN', async () => {
    expect(await pinStatus(db, T0)).toEqual({ set: false, lockedUntil: null, failures: 0 });
    expect(await verifyPin(db, '1234', T0)).toEqual({ ok: false, reason: 'notSet' });
    expect(await setPin(db, { current: null, next: '2580', by: '主管' }, T0, FAST)).toEqual({ ok: true });
    expect((await pinStatus(db, T0)).set).toBe(true);
    expect(await verifyPin(db, '2580', T0)).toEqual({ ok: true });
    expect(await verifyPin(db, '2581', T0)).toEqual({ ok: false, reason: 'wrong', attemptsLeft: MAX_PIN_FAILURES - 1 });
  });

  it('stores a salted hash, never the PIN: two profiles with the same PIN store different hashes', async () => {
    await setPin(db, { current: null, next: '2580', by: '主管' }, T0, FAST);
    const other = new HuitoukeDb(`pin-other-${n}`);
    await setPin(other, { current: null, next: '2580', by: '主管' }, T0, FAST);
    const a = (await loadPinRecord(db))!;
    const b = (await loadPinRecord(other))!;
    await other.delete();
    expect(JSON.stringify(a)).not.toContain('2580');
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(a.hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('derives PBKDF2-SHA256 as published for RFC 7914 test vector inputs', async () => {
    // RFC 7914 §11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, dkLen=64 starts 55 ac 04 6e 56 e3 08 9f …
    const out = await hashPin('passwd', new TextEncoder().encode('salt'), 1);
    expect([...out.slice(0, 8)].map((x) => x.toString(16).padStart(2, '0')).join('')).toBe('55ac046e56e3089f');
  });

  it('locks out after five wrong PINs, refuses even the right one meanwhile, and opens again later', async () => {
    await setPin(db, { current: null, next: '2580', by: '主管' }, T0, FAST);
    for (let i = 1; i < MAX_PIN_FAILURES; i++) expect(await verifyPin(db, '0000', T0 + i)).toMatchObject({ reason: 'wrong', attemptsLeft: MAX_PIN_FAILURES - i });
    const until = T0 + MAX_PIN_FAILURES + PIN_LOCKOUT_MINUTES * 60_000;
    expect(await verifyPin(db, '0000', T0 + MAX_PIN_FAILURES)).toEqual({ ok: false, reason: 'lockedOut', until });
    expect(await verifyPin(db, '2580', until - 1)).toEqual({ ok: false, reason: 'lockedOut', until });
    expect((await pinStatus(db, until - 1)).lockedUntil).toBe(until);
    expect(await verifyPin(db, '2580', until)).toEqual({ ok: true });
    expect(await pinStatus(db, until)).toEqual({ set: true, lockedUntil: null, failures: 0 });
  });

  it('a right PIN resets the count of wrong ones', async () => {
    await setPin(db, { current: null, next: '2580', by: '主管' }, T0, FAST);
    for (let i = 0; i < MAX_PIN_FAILURES - 1; i++) await verifyPin(db, '0000', T0);
    await verifyPin(db, '2580', T0);
    expect(await verifyPin(db, '0000', T0)).toMatchObject({ reason: 'wrong', attemptsLeft: MAX_PIN_FAILURES - 1 });
  });

  it('changes or removes the PIN only with the current one', async () => {
    await setPin(db, { current: null, next: '2580', by: '主管' }, T0, FAST);
    expect(await setPin(db, { current: '1111', next: '9999', by: 'x' }, T0, FAST)).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await setPin(db, { current: '2580', next: '12', by: 'x' }, T0, FAST)).toEqual({ ok: false, reason: 'invalid' });
    expect(await setPin(db, { current: '2580', next: '9999', by: 'x' }, T0, FAST)).toEqual({ ok: true });
    expect(await verifyPin(db, '2580', T0)).toMatchObject({ ok: false });
    expect(await verifyPin(db, '9999', T0)).toEqual({ ok: true });
    expect(await setPin(db, { current: '9999', next: null, by: 'x' }, T0, FAST)).toEqual({ ok: true });
    expect((await pinStatus(db, T0)).set).toBe(false);
  });
});
