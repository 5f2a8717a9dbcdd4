import { browser } from 'wxt/browser';
import { db } from '@/lib/db/database';
import { seedPlaybook } from '@/lib/db/playbook';
import { applyManagedPack } from '@/lib/db/playbook-edit';
import { MANAGED_PACK_KEY } from '@/lib/playbook/managed-schema';
import { parsePack } from '@/lib/playbook/pack';

/**
 * Locked playbooks from enterprise policy. An administrator sets `playbookPack` in the browser's
 * managed storage (see lib/playbook/managed-schema.ts); on start-up and whenever the policy changes
 * it is applied as locked rows and settings, which agents use and nobody can edit here.
 *
 * Tests cannot set real enterprise policy. In the demo/test build only (`--mode demo`), a pack in
 * `storage.local` under `testManagedPack` stands in for it when managed storage has none; the store
 * build never reads that key.
 */
export const TEST_MANAGED_KEY = 'testManagedPack';
/** Where the last policy problem is kept for the workspace to show (a pack that does not parse). */
export const MANAGED_PROBLEM_KEY = 'managedPlaybookProblem';

const isDemo = import.meta.env.MODE === 'demo';

async function readPolicy(): Promise<unknown> {
  try {
    const got = await browser.storage.managed.get(MANAGED_PACK_KEY);
    const value: unknown = got[MANAGED_PACK_KEY];
    if (value !== undefined && value !== null && value !== '') return value;
  } catch {
    // No policy schema or no managed storage on this browser: nothing is managed.
  }
  if (!isDemo) return null;
  const local = await browser.storage.local.get(TEST_MANAGED_KEY);
  return local[TEST_MANAGED_KEY] ?? null;
}

async function sync(): Promise<void> {
  const now = Date.now();
  // Seed first: seeding skips a table that has rows, and the policy's rows must not stop it.
  await seedPlaybook(db(), now);
  const raw = await readPolicy();
  const clearProblem = async () => {
    if (await db().settings.get(MANAGED_PROBLEM_KEY)) await db().settings.delete(MANAGED_PROBLEM_KEY);
  };
  if (raw === null) {
    await applyManagedPack(db(), null, now);
    await clearProblem();
    return;
  }
  const parsed = parsePack(raw);
  if (!parsed.ok) {
    // Keep what the last good policy applied: a typo in a policy must not unlock the playbook.
    console.warn('[huitouke] managed playbook is not a valid pack', parsed.problem);
    await db().settings.put({ key: MANAGED_PROBLEM_KEY, value: { at: now, problem: parsed.problem }, updatedAt: now });
    return;
  }
  await applyManagedPack(db(), parsed.pack, now);
  await clearProblem();
}

let queue: Promise<void> = Promise.resolve();
/** Runs one sync after another, so a change arriving during start-up is applied after it. */
export function syncManagedPlaybook(): Promise<void> {
  queue = queue.then(sync).catch((error: unknown) => console.warn('[huitouke] managed playbook', error));
  return queue;
}

/** Call synchronously at service-worker start: registers the listener, then applies the policy. */
export function setupManagedPlaybook(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (isDemo && area === 'local' && TEST_MANAGED_KEY in changes)) void syncManagedPlaybook();
  });
  void syncManagedPlaybook();
}
