import { mergeScopes, type ChangeScope } from '@/lib/db/change-scope';
import { sameConsoleBuyer, type ConsoleBuyer } from '@/lib/schemas/ids';
import type { SidebarView } from '@/lib/schemas/sidebar-view';

/**
 * The background's view of each console tab's open conversation, pushed to that tab's sidebar.
 *
 * - A conversation switch computes the new view at once (nothing is coalesced on that path).
 * - Changes arrive in one place (`changed`), from Dexie's mutation events and the few writes it
 *   cannot see, and are batched: a change about some buyers recomputes, after a short batch time,
 *   only the tabs showing those buyers; a change about everything (an import, a setting) recomputes
 *   every tab at most once per interval, however many transactions it took.
 * - One computation per tab at a time: a change or switch while it runs computes again after it,
 *   and a view computed for a buyer the console no longer shows is never pushed.
 */
export interface SidebarViews {
  /** The tab's console shows this buyer now (null: no conversation). */
  show(tabId: number, buyer: ConsoleBuyer | null): void;
  /** A sidebar of the tab was linked: it gets the current view. */
  bound(tabId: number): void;
  forget(tabId: number): void;
  changed(scope: ChangeScope | null): void;
  /** Resolves once nothing is scheduled or being computed (tests, benches). */
  idle(): Promise<void>;
}

export interface ViewsOptions {
  compute(buyer: ConsoleBuyer | null): Promise<SidebarView>;
  push(tabId: number, view: SidebarView): void;
  /** The view could not be computed: the sidebar says so. */
  fail(tabId: number, message: string): void;
  /** Whether the tab has a linked sidebar (no sidebar: nothing is computed until one links). */
  wanted(tabId: number): boolean;
  /** Changes within this time of the first are one batch. */
  quietMs?: number;
  /** Changes about everything recompute every view at most this often (an import is thousands of transactions). */
  intervalMs?: number;
}

interface TabView {
  buyer: ConsoleBuyer | null;
  view: SidebarView | null;
  running: Promise<void> | null;
  again: boolean;
}

const QUIET_MS = 40;
const INTERVAL_MS = 1000;

export function createSidebarViews(opts: ViewsOptions): SidebarViews {
  const tabs = new Map<number, TabView>();
  const quietMs = opts.quietMs ?? QUIET_MS;
  const intervalMs = opts.intervalMs ?? INTERVAL_MS;
  let pending: ChangeScope | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = 0;
  let lastAll = -Infinity;

  const tab = (tabId: number) => {
    let t = tabs.get(tabId);
    if (!t) tabs.set(tabId, (t = { buyer: null, view: null, running: null, again: false }));
    return t;
  };

  function recompute(tabId: number, t: TabView) {
    if (!opts.wanted(tabId)) {
      // Computed when a sidebar links; what was computed before may be stale by then.
      t.view = null;
      return;
    }
    if (t.running) {
      t.again = true;
      return;
    }
    t.running = (async () => {
      do {
        t.again = false;
        const buyer = t.buyer;
        try {
          const view = await opts.compute(buyer);
          if (tabs.get(tabId) !== t) return;
          // The console moved on while we read: the loop computes the buyer it shows now.
          if (!sameConsoleBuyer(buyer, t.buyer)) {
            t.again = true;
            continue;
          }
          t.view = view;
          opts.push(tabId, view);
        } catch (error) {
          if (tabs.get(tabId) !== t) return;
          t.view = null;
          if (!t.again) opts.fail(tabId, String(error instanceof Error ? error.message : error).slice(0, 2000));
        }
      } while (t.again);
    })().finally(() => {
      t.running = null;
    });
  }

  function flush() {
    clearTimeout(timer);
    timer = undefined;
    const scope = pending;
    pending = null;
    if (!scope) return;
    if (scope.all) lastAll = Date.now();
    for (const [tabId, t] of tabs) {
      const shown = t.view?.conversation?.buyerId;
      // A tab whose view is not known yet, or whose buyer the change is about.
      if (scope.all || !t.view || (shown !== undefined && scope.buyers.has(shown))) recompute(tabId, t);
    }
  }

  return {
    show(tabId, buyer) {
      const t = tab(tabId);
      if (sameConsoleBuyer(t.buyer, buyer) && (t.view || t.running)) return;
      t.buyer = buyer;
      t.view = null;
      recompute(tabId, t);
    },
    bound(tabId) {
      const t = tab(tabId);
      // Being computed: pushed to every linked sidebar when done.
      if (t.view) opts.push(tabId, t.view);
      else if (!t.running) recompute(tabId, t);
    },
    forget(tabId) {
      tabs.delete(tabId);
    },
    changed(scope) {
      pending = mergeScopes(pending, scope);
      if (!pending) return;
      // A batch starts with its first change; a change about everything waits out the interval.
      const earliest = pending.all ? lastAll + intervalMs : -Infinity;
      if (timer !== undefined) {
        if (timerAt >= earliest) return;
        clearTimeout(timer);
        timerAt = earliest;
      } else timerAt = Math.max(Date.now() + quietMs, earliest);
      timer = setTimeout(flush, Math.max(0, timerAt - Date.now()));
    },
    async idle() {
      for (;;) {
        if (pending) flush();
        const running = [...tabs.values()].flatMap((t) => (t.running ? [t.running] : []));
        if (running.length === 0) return;
        await Promise.all(running);
      }
    },
  };
}
