/**
 * One writer of the whole data set at a time: an import and a restore replace or rewrite buyers,
 * orders and the texts they name, and must never overlap (a restore during an import left the
 * import deleting a text chunk that by then belonged to the restored data). Imports run in a worker
 * of the options page and restores in the page itself, in any tab: the lock has to hold across all
 * of them. In the browser that is the Web Locks API (`navigator.locks`, shared by the extension's
 * pages and workers, released when the holder's page or worker goes away); this module only
 * describes the lock, so lib/ stays free of browser APIs, and gives a one-process lock for tests
 * and the command line.
 */

/**
 * What holds the lock. A backup holds it too: read while an import writes (and perhaps undoes its
 * writes), it could name texts the import then takes back.
 */
export const DATA_TASKS = ['import', 'restore', 'backup'] as const;
export type DataTask = (typeof DATA_TASKS)[number];

/** The lock is held by another import or restore; `holder` says which when it can be told. */
export class DataBusy extends Error {
  constructor(readonly holder: DataTask | null) {
    super(holder ? `another ${holder} is running` : 'another import or restore is running');
    this.name = 'DataBusy';
  }
}

export interface DataLock {
  /**
   * Run `work` holding the lock, which is released when it settles. Refuses at once (rejects with
   * {@link DataBusy}, `work` not called) while another import or restore holds it: a supervisor
   * who starts one while the other runs is told so rather than left waiting.
   */
  exclusive<T>(task: DataTask, work: () => Promise<T>): Promise<T>;
  /** What holds the lock now, or null. */
  holder(): Promise<DataTask | null>;
}

/** The lock within one JavaScript context (tests, the command line). */
export function memoryDataLock(): DataLock {
  let held: DataTask | null = null;
  return {
    async exclusive(task, work) {
      if (held) throw new DataBusy(held);
      held = task;
      try {
        return await work();
      } finally {
        held = null;
      }
    },
    holder: async () => held,
  };
}

/** The part of the Web Locks API used here (`navigator.locks`), so lib/ does not need the DOM types. */
export interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable?: boolean; mode?: 'exclusive' | 'shared' },
    callback: (lock: unknown) => Promise<T> | T,
  ): Promise<T>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

const LOCK = 'huitouke-data';

/**
 * The lock over the Web Locks API. The lock itself is one name; the holder also takes a second name
 * that says what it is doing, which {@link DataLock.holder} reads back (`query`) for the message.
 */
export function webDataLock(locks: LockManagerLike): DataLock {
  const holder = async (): Promise<DataTask | null> => {
    const held = (await locks.query()).held ?? [];
    for (const task of DATA_TASKS) if (held.some((l) => l.name === `${LOCK}:${task}`)) return task;
    return null;
  };
  return {
    holder,
    async exclusive(task, work) {
      let busy = false;
      const out = await locks.request(LOCK, { ifAvailable: true }, async (lock) => {
        if (!lock) {
          busy = true;
          return undefined;
        }
        return locks.request(`${LOCK}:${task}`, {}, () => work());
      });
      if (busy) throw new DataBusy(await holder());
      return out as Awaited<ReturnType<typeof work>>;
    },
  };
}
