import { useSyncExternalStore } from 'react';
import { browser } from 'wxt/browser';
import { ImportWorkerMessageSchema, type ImportJob } from '@/lib/db/import-protocol';
import type { DataTask } from '@/lib/db/data-lock';
import type { ImportRun } from '@/lib/db/records';
import type { ImportIssue } from '@/lib/import';

/**
 * The import this options page runs, kept by the page rather than by the import panel: the worker
 * lives as long as the page, so the supervisor who leaves the Data page and comes back finds the
 * import's progress (and a way to cancel it) again, never a worker running unseen. Closing or
 * reloading the page ends the worker, and with it the import (the page warns first).
 */

export interface ImportProgressView {
  file: string;
  bytesRead: number;
  bytesTotal: number;
  phase: string;
  written?: number;
  toWrite?: number;
}

export type ImportJobState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ImportProgressView | null; cancelling: boolean }
  | { kind: 'done'; run: ImportRun; issues: ImportIssue[] }
  | { kind: 'failed'; message: string; issues: ImportIssue[] }
  | { kind: 'cancelled'; message: string; rolledBack: boolean }
  | { kind: 'busy'; holder: DataTask | null };

let state: ImportJobState = { kind: 'idle' };
let worker: Worker | null = null;
const listeners = new Set<() => void>();

function set(next: ImportJobState): void {
  state = next;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useImportJob(): ImportJobState {
  return useSyncExternalStore(subscribe, () => state);
}

/** Leaving the page while an import runs would end it: the browser asks first. */
function guardUnload(event: BeforeUnloadEvent): void {
  event.preventDefault();
}

/**
 * Start an import in a worker of its own; `onFinished` runs when it ends however it ends (the data
 * may have changed), even when no panel shows it then.
 */
export function startImport(job: ImportJob, onFinished: () => void): void {
  if (state.kind === 'running') return;
  set({ kind: 'running', progress: null, cancelling: false });
  addEventListener('beforeunload', guardUnload);
  const w = (worker = new Worker(browser.runtime.getURL('/import-worker.js' as '/')));
  const finish = (next: ImportJobState) => {
    if (worker !== w) return;
    worker = null;
    removeEventListener('beforeunload', guardUnload);
    set(next);
    onFinished();
    // Let Dexie's change broadcast from the worker reach the other pages before it goes away.
    setTimeout(() => w.terminate(), 2000);
  };
  w.addEventListener('message', (e: MessageEvent) => {
    const parsed = ImportWorkerMessageSchema.safeParse(e.data);
    if (!parsed.success) return;
    const msg = parsed.data;
    switch (msg.type) {
      case 'progress':
        if (state.kind === 'running' && worker === w) set({ ...state, progress: msg.progress });
        return;
      case 'done':
        return finish({ kind: 'done', run: msg.run, issues: msg.issues });
      case 'failed':
        return finish({ kind: 'failed', message: msg.message, issues: msg.issues });
      case 'cancelled':
        return finish({ kind: 'cancelled', message: msg.message, rolledBack: msg.rolledBack });
      case 'busy':
        return finish({ kind: 'busy', holder: msg.holder });
    }
  });
  w.addEventListener('error', (e) => finish({ kind: 'failed', message: e.message || 'worker error', issues: [] }));
  w.postMessage({ type: 'start', job });
}

/** Ask the running import to stop and put back what it wrote; the worker says when it has. */
export function cancelImport(): void {
  if (state.kind !== 'running' || !worker || state.cancelling) return;
  set({ ...state, cancelling: true });
  worker.postMessage({ type: 'cancel' });
}

/** Forget a finished import's outcome (new files were chosen). */
export function clearImport(): void {
  if (state.kind !== 'running') set({ kind: 'idle' });
}
