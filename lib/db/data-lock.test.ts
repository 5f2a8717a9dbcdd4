import { describe, expect, it } from 'vitest';
import { DataBusy, memoryDataLock, webDataLock, type DataLock, type LockManagerLike } from './data-lock';

/** The Web Locks API as the extension's pages and workers share it: exclusive names, `ifAvailable`, `query`. */
function fakeLocks(): LockManagerLike {
  const held = new Set<string>();
  return {
    async request(name, options, callback) {
      if (held.has(name)) {
        if (options.ifAvailable) return callback(null);
        throw new Error('this fake only grants free locks');
      }
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
    query: async () => ({ held: [...held].map((name) => ({ name })) }),
  };
}

for (const [kind, make] of [
  ['web locks', () => webDataLock(fakeLocks())],
  ['one process', memoryDataLock],
] as const) {
  describe(`the data lock (${kind})`, () => {
    it('runs one import, restore or backup at a time, refuses the others at once and says what holds it', async () => {
      const lock: DataLock = make();
      let release!: () => void;
      const importing = lock.exclusive(
        'import',
        () => new Promise<string>((resolve) => (release = () => resolve('imported'))),
      );
      await Promise.resolve();
      expect(await lock.holder()).toBe('import');
      let ran = false;
      const refused = await lock
        .exclusive('restore', async () => void (ran = true))
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(refused).toBeInstanceOf(DataBusy);
      expect((refused as DataBusy).holder).toBe('import');
      expect(ran).toBe(false);
      release();
      expect(await importing).toBe('imported');
      expect(await lock.holder()).toBeNull();
      // Released also when the work fails.
      await expect(
        lock.exclusive('backup', async () => {
          throw new Error('disk');
        }),
      ).rejects.toThrow('disk');
      expect(await lock.exclusive('restore', async () => lock.holder())).toBe('restore');
    });
  });
}
