import { z } from 'zod';
import type { HuitoukeDb } from './database';

/**
 * The supervisor PIN: agents use everything, changing the playbook and settings, exporting data
 * and custom consoles ask for the PIN. It is stored as a salted PBKDF2-SHA256 hash; five wrong
 * PINs in a row lock it for a while.
 *
 * This keeps honest hands off the playbook on a shared computer. It is not protection against
 * someone who opens the browser's developer tools or has the profile's files: the database is
 * theirs to read and write, and nothing in it is encrypted.
 *
 * Attempts are counted in one transaction that reads and writes the attempt state, so attempts
 * at once (two tabs, a script clicking) are each counted, a lock-out is never cleared by an
 * attempt that started before it, and no PIN — not even the right one — opens it before it ends.
 *
 * Who may set the first PIN: whoever is at the browser (nothing tells a supervisor from an agent
 * before a PIN exists, and until then every agent can change everything anyway). What makes that
 * sound: the options page asks for it twice, with the person confirming they are the supervisor;
 * who set it and when is stored and shown beside every lock, so a PIN set by the wrong person is
 * seen; and a one-time recovery code, shown when it is set, resets a forgotten PIN.
 *
 * The record stays under `settings` key {@link PIN_SETTING_KEY}; a backup must not carry it.
 */
export const PIN_SETTING_KEY = 'supervisorPin';
export const MAX_PIN_FAILURES = 5;
export const PIN_LOCKOUT_MINUTES = 15;
/** About a tenth of a second in a browser: slow for guessing, unnoticed when typing a PIN. */
export const PIN_ITERATIONS = 210_000;
export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 32;

const SecretHashSchema = z.object({
  /** Base64. */
  salt: z.string(),
  hash: z.string(),
});

export const PinRecordSchema = z.object({
  algo: z.literal('PBKDF2-SHA256'),
  iterations: z.number().int().positive(),
  /** Base64. */
  salt: z.string(),
  hash: z.string(),
  setAt: z.number(),
  setBy: z.string(),
  /** Wrong PINs since the last right one (MAX_PIN_FAILURES while locked out). */
  failures: z.number().int().nonnegative(),
  lockedUntil: z.number().nullable(),
  /** The recovery code's hash (same algorithm and iterations); null for PINs set before there were codes. */
  recovery: SecretHashSchema.nullable().default(null),
});
export type PinRecord = z.infer<typeof PinRecordSchema>;

export type PinFailure =
  | { ok: false; reason: 'notSet' }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'lockedOut'; until: number }
  | { ok: false; reason: 'invalid' }
  /** A first PIN was set meanwhile (another tab): nothing was changed. */
  | { ok: false; reason: 'alreadySet' }
  /** This PIN has no recovery code (set before codes existed). */
  | { ok: false; reason: 'noRecovery' };
export type PinCheck = { ok: true } | PinFailure;
/** Setting or resetting a PIN shows a new recovery code once; changing or removing it does not. */
export type PinSetResult = { ok: true; recoveryCode: string | null } | PinFailure;

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
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin.normalize('NFC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/** Compares every byte whatever the first difference, so timing says nothing about the PIN. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

async function hashNew(secret: string, iterations: number): Promise<{ salt: string; hash: string }> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: toBase64(salt), hash: toBase64(await hashPin(secret, salt, iterations)) };
}

/** Letters and digits that cannot be misread for each other (no 0/O, 1/I/L). */
const RECOVERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const RECOVERY_LENGTH = 16;

/** A new recovery code, `XXXX-XXXX-XXXX-XXXX` (about 79 bits). */
export function newRecoveryCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(RECOVERY_LENGTH * 2));
  let code = '';
  // Rejection sampling keeps every character equally likely.
  for (let i = 0; code.length < RECOVERY_LENGTH; i++) {
    const b = i < bytes.length ? bytes[i]! : crypto.getRandomValues(new Uint8Array(1))[0]!;
    if (b < 256 - (256 % RECOVERY_ALPHABET.length)) code += RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length];
  }
  return code.match(/.{4}/g)!.join('-');
}

/** A typed recovery code as hashed: upper case, without spaces or dashes. */
export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s\-_]/g, '');
}

export async function loadPinRecord(db: HuitoukeDb): Promise<PinRecord | null> {
  const parsed = PinRecordSchema.safeParse((await db.settings.get(PIN_SETTING_KEY))?.value);
  return parsed.success ? parsed.data : null;
}

export interface PinStatus {
  set: boolean;
  /** Epoch ms until which no PIN is accepted; null when not locked out. */
  lockedUntil: number | null;
  /** Wrong PINs in a row that still count (0 once a lock-out has ended). */
  failures: number;
  setBy: string | null;
  setAt: number | null;
  hasRecovery: boolean;
}

function lockedAt(rec: PinRecord, now: number): number | null {
  return rec.lockedUntil !== null && rec.lockedUntil > now ? rec.lockedUntil : null;
}

export async function pinStatus(db: HuitoukeDb, now: number): Promise<PinStatus> {
  const rec = await loadPinRecord(db);
  if (!rec) return { set: false, lockedUntil: null, failures: 0, setBy: null, setAt: null, hasRecovery: false };
  const locked = lockedAt(rec, now);
  const expired = rec.lockedUntil !== null && locked === null;
  return {
    set: true,
    lockedUntil: locked,
    failures: expired ? 0 : rec.failures,
    setBy: rec.setBy,
    setAt: rec.setAt,
    hasRecovery: rec.recovery !== null,
  };
}

type Secret = 'pin' | 'recovery';

/**
 * One counted attempt with the PIN or the recovery code. The secret is hashed outside the
 * transaction (a WebCrypto promise would end it); the transaction then re-reads the record and
 * decides from what is stored now: locked out → refused, not counted; wrong → counted (the
 * MAX_PIN_FAILURES-th locks out); right → `onRight` gives the record to store (null deletes it).
 * When the PIN was changed between the hash and the transaction, the attempt is made again
 * against the new one.
 */
async function attempt(
  db: HuitoukeDb,
  secret: string,
  which: Secret,
  now: number,
  onRight: (current: PinRecord) => PinRecord | null = (current) => current,
): Promise<PinCheck> {
  for (let round = 0; round < 3; round++) {
    const rec = await loadPinRecord(db);
    if (!rec) return { ok: false, reason: 'notSet' };
    const locked = lockedAt(rec, now);
    if (locked !== null) return { ok: false, reason: 'lockedOut', until: locked };
    const stored = which === 'pin' ? { salt: rec.salt, hash: rec.hash } : rec.recovery;
    if (!stored) return { ok: false, reason: 'noRecovery' };
    const typed = which === 'pin' ? secret : normalizeRecoveryCode(secret);
    const right = sameBytes(await hashPin(typed, fromBase64(stored.salt), rec.iterations), fromBase64(stored.hash));
    const verdict = await db.transaction('rw', db.settings, async (): Promise<PinCheck | 'changed'> => {
      const current = await loadPinRecord(db);
      if (!current) return { ok: false, reason: 'notSet' };
      if (current.salt !== rec.salt || current.recovery?.salt !== rec.recovery?.salt) return 'changed';
      const lockedNow = lockedAt(current, now);
      // Refused while locked out, however the attempt started: never counted, never clears it.
      if (lockedNow !== null) return { ok: false, reason: 'lockedOut', until: lockedNow };
      if (right) {
        const next = onRight({ ...current, failures: 0, lockedUntil: null });
        if (next) await db.settings.put({ key: PIN_SETTING_KEY, value: next, updatedAt: now });
        else await db.settings.delete(PIN_SETTING_KEY);
        return { ok: true };
      }
      const failures = (current.lockedUntil !== null ? 0 : current.failures) + 1;
      const lockedOut = failures >= MAX_PIN_FAILURES;
      const lockedUntil = lockedOut ? now + PIN_LOCKOUT_MINUTES * 60_000 : null;
      await db.settings.put({ key: PIN_SETTING_KEY, value: { ...current, failures, lockedUntil }, updatedAt: now });
      return lockedOut
        ? { ok: false, reason: 'lockedOut', until: lockedUntil! }
        : { ok: false, reason: 'wrong', attemptsLeft: MAX_PIN_FAILURES - failures };
    });
    if (verdict !== 'changed') return verdict;
  }
  // Changed three times while hashing: say wrong without counting it.
  return { ok: false, reason: 'wrong', attemptsLeft: MAX_PIN_FAILURES - ((await loadPinRecord(db))?.failures ?? 0) };
}

/**
 * Check a PIN. A wrong one counts; the fifth in a row locks out for PIN_LOCKOUT_MINUTES, during
 * which even the right PIN is refused (so guessing cannot continue). A right one resets the count.
 */
export async function verifyPin(db: HuitoukeDb, pin: string, now: number): Promise<PinCheck> {
  return attempt(db, pin, 'pin', now);
}

/**
 * Set the first PIN (`current` null), change it (`current` must be right) or remove it (`next`
 * null: editing is open again). A first PIN is set only if there is still none when it is written
 * (two tabs setting one at once: the second is told), and comes with a new recovery code (so
 * does a changed PIN that had none).
 */
export async function setPin(
  db: HuitoukeDb,
  change: { current: string | null; next: string | null; by: string },
  now: number,
  iterations = PIN_ITERATIONS,
): Promise<PinSetResult> {
  if (change.next !== null && !isValidPin(change.next)) return { ok: false, reason: 'invalid' };
  const pin = change.next === null ? null : await hashNew(change.next, iterations);
  const before = await loadPinRecord(db);
  // Asked as a first PIN (no current one typed) while one exists: set meanwhile by another page.
  if (before && change.current === null) return { ok: false, reason: 'alreadySet' };
  if (before) {
    // A PIN from before recovery codes gets one when it is changed.
    const recoveryCode = pin !== null && before.recovery === null ? newRecoveryCode() : null;
    const recovery = recoveryCode === null ? null : await hashNew(normalizeRecoveryCode(recoveryCode), iterations);
    const check = await attempt(db, change.current ?? '', 'pin', now, (current) =>
      pin === null
        ? null
        : { ...current, ...pin, iterations, setAt: now, setBy: change.by, recovery: current.recovery ?? recovery },
    );
    return check.ok ? { ok: true, recoveryCode: recovery === null ? null : recoveryCode } : check;
  }
  if (pin === null) return { ok: false, reason: 'notSet' };
  const recoveryCode = newRecoveryCode();
  const recovery = await hashNew(normalizeRecoveryCode(recoveryCode), iterations);
  const rec: PinRecord = {
    algo: 'PBKDF2-SHA256',
    iterations,
    ...pin,
    setAt: now,
    setBy: change.by,
    failures: 0,
    lockedUntil: null,
    recovery,
  };
  return db.transaction('rw', db.settings, async (): Promise<PinSetResult> => {
    if (await loadPinRecord(db)) return { ok: false, reason: 'alreadySet' };
    await db.settings.put({ key: PIN_SETTING_KEY, value: rec, updatedAt: now });
    return { ok: true, recoveryCode };
  });
}

/**
 * A forgotten PIN: the recovery code shown when the PIN was set replaces it with `next`, and a
 * new recovery code is shown (the old one is used up). Counted like a PIN: five wrong codes or
 * PINs in a row lock both out.
 */
export async function resetPinWithRecovery(
  db: HuitoukeDb,
  reset: { code: string; next: string; by: string },
  now: number,
  iterations = PIN_ITERATIONS,
): Promise<PinSetResult> {
  if (!isValidPin(reset.next)) return { ok: false, reason: 'invalid' };
  const pin = await hashNew(reset.next, iterations);
  const recoveryCode = newRecoveryCode();
  const recovery = await hashNew(normalizeRecoveryCode(recoveryCode), iterations);
  const check = await attempt(db, reset.code, 'recovery', now, (current) => ({
    ...current,
    ...pin,
    iterations,
    recovery,
    setAt: now,
    setBy: reset.by,
  }));
  return check.ok ? { ok: true, recoveryCode } : check;
}
