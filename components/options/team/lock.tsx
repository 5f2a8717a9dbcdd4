import { useEffect, useState, useSyncExternalStore } from 'react';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { db } from '@/lib/db/database';
import { pinStatus, verifyPin, type PinCheck } from '@/lib/db/supervisor-lock';
import { useTeam } from '@/components/common/useTeam';

/**
 * Whether this options page may edit the playbook and settings, export data and change custom
 * consoles. With no PIN set, all of it is open (first run);
 * with a PIN, the supervisor unlocks once per page for UNLOCK_MINUTES. The state lives in the
 * page, not in storage: closing the tab locks again, and another agent's tab is not unlocked.
 */
export const UNLOCK_MINUTES = 30;

let unlockedUntil = 0;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
let relock: ReturnType<typeof setTimeout> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function lockNow(): void {
  unlockedUntil = 0;
  clearTimeout(relock);
  notify();
}

export async function unlockWithPin(pin: string): Promise<PinCheck> {
  const check = await verifyPin(db(), pin, Date.now());
  if (check.ok) {
    unlockedUntil = Date.now() + UNLOCK_MINUTES * 60_000;
    clearTimeout(relock);
    relock = setTimeout(lockNow, UNLOCK_MINUTES * 60_000);
    notify();
  }
  return check;
}

/** Keep the page unlocked after the supervisor proved the PIN by setting or changing it. */
export function markUnlocked(): void {
  unlockedUntil = Date.now() + UNLOCK_MINUTES * 60_000;
  clearTimeout(relock);
  relock = setTimeout(lockNow, UNLOCK_MINUTES * 60_000);
  notify();
}

export interface EditAccess {
  /** Still reading the PIN state. */
  loading: boolean;
  pinSet: boolean;
  unlocked: boolean;
  /** May this page change the playbook now? */
  canEdit: boolean;
  lockedUntil: number | null;
  /** Who set the PIN and when (shown beside the lock, so a PIN set by the wrong person is seen). */
  setBy: string | null;
  setAt: number | null;
  /** The PIN has a recovery code (PINs set before codes existed have none). */
  hasRecovery: boolean;
  /** Connected to a shop server as an agent: the playbook is the supervisor's, read-only here (the server refuses changes too). */
  teamAgent: boolean;
}

export function useEditAccess(): EditAccess {
  const until = useSyncExternalStore(subscribe, () => unlockedUntil);
  const [now, setNow] = useState(() => Date.now());
  const status = useLiveQuery(() => pinStatus(db(), Date.now()), [now]);
  const team = useTeam();
  // Re-read when a lock-out ends so the form comes back by itself.
  const lockedUntil = status.status === 'ready' ? status.value.lockedUntil : null;
  useEffect(() => {
    if (!lockedUntil) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, lockedUntil - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [lockedUntil]);
  // Closed until the PIN state and the team connection are known (and if the PIN state cannot be read).
  if (status.status !== 'ready' || team.loading)
    return {
      loading: status.status === 'loading' || team.loading,
      pinSet: true,
      unlocked: false,
      canEdit: false,
      lockedUntil: null,
      setBy: null,
      setAt: null,
      hasRecovery: false,
      teamAgent: false,
    };
  const unlocked = until > Date.now();
  const { set, setBy, setAt, hasRecovery } = status.value;
  const teamAgent = team.connection?.member.role === 'agent';
  return {
    loading: false,
    pinSet: set,
    unlocked,
    canEdit: !teamAgent && (!set || unlocked),
    lockedUntil,
    setBy,
    setAt,
    hasRecovery,
    teamAgent,
  };
}
