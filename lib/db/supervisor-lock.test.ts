import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HuitoukeDb } from './database';
import {
  hashPin,
  loadPinRecord,
  MAX_PIN_FAILURES,
  PIN_LOCKOUT_MINUTES,
  PIN_SETTING_KEY,
  pinStatus,
  resetPinWithRecovery,
  setPin,
  verifyPin,
} from './supervisor-lock';

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
    expect(await pinStatus(db, T0)).toMatchObject({ set: false, lockedUntil: null, failures: 0 });
    expect(await verifyPin(db, '1234', T0)).toEqual({ ok: false, reason: 'notSet' });
    expect(await setPin(db, { current: null, next: '2580', by: '主管' }, T0, FAST)).toMatchObject({ ok: true });
    expect(await pinStatus(db, T0)).toMatchObject({ setBy: '主管', setAt: T0, hasRecovery: true });
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
    for (let i = 1; i < MAX_PIN_FAILURES; i++)
      expect(await verifyPin(db, '0000', T0 + i)).toMatchObject({
        reason: 'wrong',
        attemptsLeft: MAX_PIN_FAILURES - i,
      });
    const until = T0 + MAX_PIN_FAILURES + PIN_LOCKOUT_MINUTES * 60_000;
    expect(await verifyPin(db, '0000', T0 + MAX_PIN_FAILURES)).toEqual({ ok: false, reason: 'lockedOut', until });
    expect(await verifyPin(db, '2580', until - 1)).toEqual({ ok: false, reason: 'lockedOut', until });
    expect((await pinStatus(db, until - 1)).lockedUntil).toBe(until);
    expect(await verifyPin(db, '2580', until)).toEqual({ ok: true });
    expect(await pinStatus(db, until)).toMatchObject({ set: true, lockedUntil: null, failures: 0 });
  });

  it('a right PIN resets the count of wrong ones', async () => {
    await setPin(db, { current: null, next: '2580', by: '主管' }, T0, FAST);
    for (let i = 0; i < MAX_PIN_FAILURES - 1; i++) await verifyPin(db, '0000', T0);
    await verifyPin(db, '2580', T0);
    expect(await verifyPin(db, '0000', T0)).toMatchObject({ reason: 'wrong', attemptsLeft: MAX_PIN_FAILURES - 1 });
  });

  it('changes or removes the PIN only with the current one', async () => {
    await setPin(db, { current: null, next: '2580', by: '主管' }, T0, FAST);
    expect(await setPin(db, { current: '1111', next: '9999', by: 'x' }, T0, FAST)).toMatchObject({
      ok: false,
      reason: 'wrong',
    });
    expect(await setPin(db, { current: '2580', next: '12', by: 'x' }, T0, FAST)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await setPin(db, { current: '2580', next: '9999', by: 'x' }, T0, FAST)).toEqual({
      ok: true,
      recoveryCode: null,
    });
    expect(await verifyPin(db, '2580', T0)).toMatchObject({ ok: false });
    expect(await verifyPin(db, '9999', T0)).toEqual({ ok: true });
    expect(await setPin(db, { current: '9999', next: null, by: 'x' }, T0, FAST)).toEqual({
      ok: true,
      recoveryCode: null,
    });
    expect((await pinStatus(db, T0)).set).toBe(false);
  });

  it('counts twenty wrong PINs tried at once exactly: four say how many tries are left, the fifth locks, the rest are refused', async () => {
    await setPin(db, { current: null, next: '2580', by: '主管' }, T0, FAST);
    // Every attempt reads the record before any has written: each must still be counted once.
    const results = await Promise.all(Array.from({ length: 20 }, () => verifyPin(db, '0000', T0)));
    const until = T0 + PIN_LOCKOUT_MINUTES * 60_000;
    const left = results.flatMap((r) => (!r.ok && r.reason === 'wrong' ? [r.attemptsLeft] : [])).sort();
    expect(left).toEqual([1, 2, 3, 4]);
    expect(results.filter((r) => !r.ok && r.reason === 'lockedOut')).toHaveLength(16);
    expect(results.every((r) => r.ok || r.reason !== 'lockedOut' || r.until === until)).toBe(true);
    // Locked, and still locked: no late attempt cleared it.
    expect(await pinStatus(db, T0 + 1)).toMatchObject({ lockedUntil: until, failures: MAX_PIN_FAILURES });
    expect(await verifyPin(db, '2580', until - 1)).toEqual({ ok: false, reason: 'lockedOut', until });
    expect(await verifyPin(db, '2580', until)).toEqual({ ok: true });
  });

  it('refuses the right PIN whose check began before a lock-out and ended during it', async () => {
    await setPin(db, { current: null, next: '2580', by: '主管' }, T0, FAST);
    // Hold the right PIN's hashing until five wrong ones have locked the PIN out.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const importKey = crypto.subtle.importKey.bind(crypto.subtle);
    const spy = vi.spyOn(crypto.subtle, 'importKey').mockImplementation((async (
      ...args: Parameters<SubtleCrypto['importKey']>
    ) => {
      if (new TextDecoder().decode(args[1] as Uint8Array) === '2580') await held;
      return importKey(...args);
    }) as SubtleCrypto['importKey']);
    try {
      const right = verifyPin(db, '2580', T0);
      const wrong = await Promise.all(Array.from({ length: MAX_PIN_FAILURES }, () => verifyPin(db, '0000', T0)));
      const until = T0 + PIN_LOCKOUT_MINUTES * 60_000;
      expect(wrong.filter((r) => !r.ok && r.reason === 'lockedOut')).toHaveLength(1);
      release();
      expect(await right).toEqual({ ok: false, reason: 'lockedOut', until });
      expect((await pinStatus(db, T0)).lockedUntil).toBe(until);
    } finally {
      spy.mockRestore();
    }
  });

  it('sets a first PIN once when two pages set one at the same time', async () => {
    const [a, b] = await Promise.all([
      setPin(db, { current: null, next: '1111', by: '甲' }, T0, FAST),
      setPin(db, { current: null, next: '2222', by: '乙' }, T0, FAST),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].filter((r) => !r.ok && r.reason === 'alreadySet')).toHaveLength(1);
    // The page that lost was not trying a PIN: nothing counts against the lock-out.
    expect((await pinStatus(db, T0)).failures).toBe(0);
    const winner = a.ok ? '1111' : '2222';
    expect(await verifyPin(db, winner, T0)).toEqual({ ok: true });
    // A first PIN asked for after one exists is refused the same way, whenever it arrives.
    expect(await setPin(db, { current: null, next: '3333', by: '丙' }, T0, FAST)).toEqual({
      ok: false,
      reason: 'alreadySet',
    });
    expect((await pinStatus(db, T0)).failures).toBe(0);
  });

  it('a forgotten PIN is reset with the recovery code shown when it was set, which then is used up', async () => {
    const first = await setPin(db, { current: null, next: '2580', by: '主管' }, T0, FAST);
    expect(first.ok && first.recoveryCode).toMatch(/^[2-9A-HJ-KM-NP-Z]{4}(-[2-9A-HJ-KM-NP-Z]{4}){3}$/);
    const code = first.ok ? first.recoveryCode! : '';
    expect(JSON.stringify(await db.settings.get(PIN_SETTING_KEY))).not.toContain(code.replace(/-/g, ''));

    expect(await resetPinWithRecovery(db, { code: 'AAAA-BBBB-CCCC-DDDD', next: '7777', by: '主管' }, T0, FAST)).toEqual(
      { ok: false, reason: 'wrong', attemptsLeft: MAX_PIN_FAILURES - 1 },
    );
    // Typed in lower case and without dashes, it still works; the wrong try before it is forgotten.
    const reset = await resetPinWithRecovery(
      db,
      { code: code.toLowerCase().replace(/-/g, ' '), next: '7777', by: '主管' },
      T0 + 1,
      FAST,
    );
    expect(reset.ok && reset.recoveryCode).toMatch(/^[2-9A-Z]{4}-/);
    expect(reset.ok && reset.recoveryCode).not.toBe(code);
    expect(await verifyPin(db, '2580', T0 + 2)).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await verifyPin(db, '7777', T0 + 2)).toEqual({ ok: true });
    expect(await resetPinWithRecovery(db, { code, next: '8888', by: 'x' }, T0 + 3, FAST)).toMatchObject({
      ok: false,
      reason: 'wrong',
    });
  });

  it('reads a PIN stored before recovery codes, and gives it a code when it is changed', async () => {
    const salt = new Uint8Array(16).fill(7);
    const hash = await hashPin('2580', salt, FAST);
    const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
    await db.settings.put({
      key: PIN_SETTING_KEY,
      value: {
        algo: 'PBKDF2-SHA256',
        iterations: FAST,
        salt: b64(salt),
        hash: b64(hash),
        setAt: T0,
        setBy: '主管',
        failures: 0,
        lockedUntil: null,
      },
      updatedAt: T0,
    });
    expect(await pinStatus(db, T0)).toMatchObject({ set: true, hasRecovery: false });
    expect(await resetPinWithRecovery(db, { code: 'AAAA-BBBB-CCCC-DDDD', next: '7777', by: 'x' }, T0, FAST)).toEqual({
      ok: false,
      reason: 'noRecovery',
    });
    const changed = await setPin(db, { current: '2580', next: '9999', by: '主管' }, T0, FAST);
    expect(changed.ok && changed.recoveryCode).toMatch(/^[2-9A-Z]{4}-/);
    expect(await pinStatus(db, T0)).toMatchObject({ hasRecovery: true });
  });
});
