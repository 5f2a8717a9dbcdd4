import Dexie from 'dexie';
import { browser } from 'wxt/browser';
import { db as openDb, type HuitoukeDb } from '@/lib/db/database';
import { seedPlaybook } from '@/lib/db/playbook';
import { applyManagedPack } from '@/lib/db/playbook-edit';
import { MANAGED_PACK_KEY } from '@/lib/playbook/managed-schema';
import { judgePolicyRead, type PolicyRead } from '@/lib/playbook/managed-sync';
import { parsePack } from '@/lib/playbook/pack';

/**
 * Locked playbooks from enterprise policy. An administrator sets `playbookPack` in the browser's
 * managed storage (see lib/playbook/managed-schema.ts); on start-up, whenever the policy changes
 * and whenever the playbook tables change (a restore, another page), the stored rows are compared
 * with the policy and put back where they differ. Only a policy that is really gone releases the
 * locked rows: a read that fails, or a pack that does not parse, leaves them as they are and is
 * reported to the workspace.
 *
 * Tests cannot set real enterprise policy. In the demo/test build only (`--mode demo`), a pack in
 * `storage.local` under `testManagedPack` stands in for it when managed storage has none; the store
 * build never reads that key.
 */
export const TEST_MANAGED_KEY = 'testManagedPack';
/** Where the last policy problem is kept for the workspace to show (a pack that does not parse, a failed read). */
export const MANAGED_PROBLEM_KEY = 'managedPlaybookProblem';

const isDemo = import.meta.env.MODE === 'demo';

async function readPolicy(): Promise<PolicyRead> {
  let read: PolicyRead;
  try {
    read = judgePolicyRead({ got: await browser.storage.managed.get(MANAGED_PACK_KEY) }, MANAGED_PACK_KEY);
  } catch (error) {
    read = judgePolicyRead({ error }, MANAGED_PACK_KEY);
  }
  if (!isDemo || read.kind === 'pack') return read;
  const local = (await browser.storage.local.get(TEST_MANAGED_KEY))[TEST_MANAGED_KEY];
  return local === undefined ? read : judgePolicyRead({ got: { [MANAGED_PACK_KEY]: local } }, MANAGED_PACK_KEY);
}

/** Applies the policy; true when it wrote anything. */
async function sync(db: HuitoukeDb): Promise<boolean> {
  const now = Date.now();
  // Seed first: seeding skips a table that has rows, and the policy's rows must not stop it.
  await seedPlaybook(db, now);
  const read = await readPolicy();
  const report = async (problem: unknown) => {
    await db.settings.put({ key: MANAGED_PROBLEM_KEY, value: { at: now, problem }, updatedAt: now });
  };
  const clearProblem = async () => {
    if (await db.settings.get(MANAGED_PROBLEM_KEY)) await db.settings.delete(MANAGED_PROBLEM_KEY);
  };
  if (read.kind === 'unreadable') {
    // Nothing is known about the policy: what the last good one applied stays, locked.
    console.warn('[huitouke] the managed playbook policy could not be read; keeping what it last applied', read.reason);
    await report({ kind: 'unreadable', reason: read.reason });
    return false;
  }
  if (read.kind === 'absent') {
    const { changed } = await applyManagedPack(db, null, now);
    await clearProblem();
    return changed;
  }
  const parsed = parsePack(read.raw);
  if (!parsed.ok) {
    // Keep what the last good policy applied: a typo in a policy must not unlock the playbook.
    console.warn('[huitouke] managed playbook is not a valid pack', parsed.problem);
    await report(parsed.problem);
    return false;
  }
  const { changed, drift } = await applyManagedPack(db, parsed.pack, now);
  if (changed) console.info('[huitouke] managed playbook applied', drift.slice(0, 20));
  await clearProblem();
  return changed;
}

let queue: Promise<unknown> = Promise.resolve();
/** Runs one sync after another, so a change arriving during start-up is applied after it. True when it wrote anything. */
export function syncManagedPlaybook(db: HuitoukeDb = openDb()): Promise<boolean> {
  const run = queue
    .then(() => sync(db))
    .catch((error: unknown) => {
      console.warn('[huitouke] managed playbook', error);
      return false;
    });
  queue = run;
  return run;
}

/** Tables whose rows a policy locks: a write to one (a restore, another page) is checked against the policy. */
const POLICY_TABLES = ['templates', 'coupons', 'couponRules'];
/** A burst of writes (a restore) is checked once, this long after it settles. */
const RECHECK_DELAY_MS = 1000;
/**
 * Putting rows back writes the tables, and the check after that finds nothing to do. Rewrites
 * this many times in a row mean something keeps changing them (or a pack cannot be stored as it
 * reads): writes stop being rechecked until the policy changes or the worker starts again.
 */
const MAX_RESYNCS_IN_A_ROW = 3;

/** Call synchronously at service-worker start: registers the listeners, then applies the policy. */
export function setupManagedPlaybook(): void {
  let resyncs = 0;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'managed' && !(isDemo && area === 'local' && TEST_MANAGED_KEY in changes)) return;
    resyncs = 0;
    void syncManagedPlaybook();
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  Dexie.on('storagemutated', (parts) => {
    const name = openDb().name;
    if (resyncs >= MAX_RESYNCS_IN_A_ROW) return;
    if (!Object.keys(parts).some((part) => POLICY_TABLES.some((table) => part.startsWith(`idb://${name}/${table}/`))))
      return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      void syncManagedPlaybook().then((changed) => {
        resyncs = changed ? resyncs + 1 : 0;
        if (resyncs >= MAX_RESYNCS_IN_A_ROW)
          console.warn(
            '[huitouke] the playbook tables keep changing after the policy was put back; no longer rechecking them until the policy changes',
          );
      });
    }, RECHECK_DELAY_MS);
  });
  void syncManagedPlaybook();
}
