import { webDataLock, type DataLock, type DataTask } from '@/lib/db/data-lock';
import type { MessageKey } from '@/lib/i18n';

/**
 * The data lock of this browser profile (lib/db/data-lock.ts) over the Web Locks API, which the
 * options pages and their import workers share: one import or restore at a time, in any tab.
 */
export function dataLock(): DataLock {
  return webDataLock(navigator.locks);
}

/** What to tell a supervisor whose import or restore was refused because `holder` runs. */
export function busyMessage(holder: DataTask | null): MessageKey {
  return holder === 'import'
    ? 'data_busyImport'
    : holder === 'restore'
      ? 'data_busyRestore'
      : holder === 'backup'
        ? 'data_busyBackup'
        : 'data_busyOther';
}
