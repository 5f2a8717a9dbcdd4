import { browser } from 'wxt/browser';
import { db } from '@/lib/db/database';
import { seedPlaybook } from '@/lib/db/playbook';

/**
 * Puts the default templates, coupons and coupon rules into the database on install, and on any
 * start where they are missing (a database cleared by hand). `seedPlaybook` only fills empty
 * tables, so a supervisor's edits are never overwritten.
 */
export function setupSeed(log: (m: string) => void): void {
  const seed = () =>
    void seedPlaybook(db(), Date.now()).catch((e: unknown) => log(`seed: ${e instanceof Error ? e.message : String(e)}`));
  browser.runtime.onInstalled.addListener(seed);
  seed();
}
