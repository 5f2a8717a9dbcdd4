import { z } from 'zod';
import type { HuitoukeDb } from './database';

/**
 * The supervisor PIN: agents use everything, editing the playbook asks for the PIN. It is stored
 * as a salted PBKDF2-SHA256 hash; five wrong PINs in a row lock editing for a while.
 *
 * This keeps honest hands off the playbook on a shared computer. It is not protection against
 * someone who opens the browser's developer tools: the database is theirs to read and write.
 */
export const PIN_SETTING_KEY = 'supervisorPin';
export const MAX_PIN_FAILURES = 5;
export const PIN_LOCKOUT_MINUTES = 15;
/** About a tenth of a second in a browser: slow for guessing, unnoticed when typing a PIN. */
export const PIN_ITERATIONS = 210_000;
export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 32;

export const PinRecordSchema = z.object({
  algo: z.literal('PBKDF2-SHA256'),
  iterations: z.number().int().positive(),
  /** Base64. */
  salt: z.string(),
  hash: z.string(),
  setAt: z.number(),
  setBy: z.string(),
  /** Wrong PINs since the last right one. */
  failures: z.number().int().nonnegative(),
  lockedUntil: z.number().nullable(),
});
export type PinRecord = z.infer<typeof PinRecordSchema>;

export type PinCheck =
  | { ok: true }
  | { ok: false; reason: 'notSet' }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'lockedOut'; until: number }
  | { ok: false; reason: 'invalid' };

export function isValidPin(pin: string): boolean {
  return pin.length >= PIN_MIN_LENGTH && pin.length <= PIN_MAX_LENGTH && pin.trim() === pin;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export async function hashPin(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** Compares every byte whatever the first difference, so timing says nothing about the PIN. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function loadPinRecord(db: HuitoukeDb): Promise<PinRecord | null> {
  const parsed = PinRecordSchema.safeParse((await db.settings.get(PIN_SETTING_KEY))?.value);
  return parsed.success ? parsed.data : null;
}

export interface PinStatus {
  set: boolean;
  /** Epoch ms until which no PIN is accepted; null when not locked out. */
  lockedUntil: number | null;
  failures: number;
}

export async function pinStatus(db: HuitoukeDb, now: number): Promise<PinStatus> {
  const rec = await loadPinRecord(db);
  if (!rec) return { set: false, lockedUntil: null, failures: 0 };
  const locked = rec.lockedUntil !== null && rec.lockedUntil > now ? rec.lockedUntil : null;
  return { set: true, lockedUntil: locked, failures: rec.failures };
}

/**
 * Check a PIN. A wrong one counts; the fifth in a row locks out for PIN_LOCKOUT_MINUTES, during
 * which even the right PIN is refused (so guessing cannot continue). A right one resets the count.
 */
export async function verifyPin(db: HuitoukeDb, pin: string, now: number): Promise<PinCheck> {
  const rec = await loadPinRecord(db);
  if (!rec) return { ok: false, reason: 'notSet' };
  if (rec.lockedUntil !== null && rec.lockedUntil > now) return { ok: false, reason: 'lockedOut', until: rec.lockedUntil };
  const hash = await hashPin(pin, fromBase64(rec.salt), rec.iterations);
  const ok = sameBytes(hash, fromBase64(rec.hash));
  // Hashing happened outside the transaction (WebCrypto promises would end it); re-read inside.
  return db.transaction('rw', db.settings, async () => {
    const current = await loadPinRecord(db);
    if (!current || current.salt !== rec.salt) return { ok: false, reason: 'wrong', attemptsLeft: MAX_PIN_FAILURES } as PinCheck;
    if (ok) {
      await db.settings.put({ key: PIN_SETTING_KEY, value: { ...current, failures: 0, lockedUntil: null }, updatedAt: now });
      return { ok: true } as PinCheck;
    }
    const failures = (current.lockedUntil !== null && current.lockedUntil <= now ? 0 : current.failures) + 1;
    const lockedOut = failures >= MAX_PIN_FAILURES;
    const lockedUntil = lockedOut ? now + PIN_LOCKOUT_MINUTES * 60_000 : null;
    await db.settings.put({ key: PIN_SETTING_KEY, value: { ...current, failures: lockedOut ? 0 : failures, lockedUntil }, updatedAt: now });
    return lockedOut ? { ok: false, reason: 'lockedOut', until: lockedUntil! } : { ok: false, reason: 'wrong', attemptsLeft: MAX_PIN_FAILURES - failures };
  });
}

/**
 * Set the PIN, or change it (`current` must then be right), or remove it (`next` null: editing is
 * open again). The first PIN needs no current one: with no PIN set, editing is open anyway.
 */
export async function setPin(
  db: HuitoukeDb,
  change: { current: string | null; next: string | null; by: string },
  now: number,
  iterations = PIN_ITERATIONS,
): Promise<PinCheck> {
  if (change.next !== null && !isValidPin(change.next)) return { ok: false, reason: 'invalid' };
  if (await loadPinRecord(db)) {
    const check = await verifyPin(db, change.current ?? '', now);
    if (!check.ok) return check;
  }
  if (change.next === null) {
    await db.settings.delete(PIN_SETTING_KEY);
    return { ok: true };
  }
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await hashPin(change.next, salt, iterations);
  const rec: PinRecord = { algo: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), hash: toBase64(hash), setAt: now, setBy: change.by, failures: 0, lockedUntil: null };
  await db.settings.put({ key: PIN_SETTING_KEY, value: rec, updatedAt: now });
  return { ok: true };
}
