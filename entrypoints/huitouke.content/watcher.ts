import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** How long the DOM must stay quiet before we re-read, and the longest we wait during a burst. */
const QUIET_MS = 25;
const MAX_WAIT_MS = 120;

/**
 * Calls `onChange` after the console's DOM or URL changed: conversation switches, new messages,
 * SPA navigation, whole subtrees replaced. Mutation records are not inspected one by one — a burst
 * of thousands costs one timer reset each — and the re-read happens once the burst settles
 * (or at most every MAX_WAIT_MS while it goes on). No polling.
 */
export function watchConsole(ctx: ContentScriptContext, onChange: () => void, isOwn: (node: Node) => boolean): void {
  let timer: number | undefined;
  let firstAt = 0;
  const run = () => {
    timer = undefined;
    firstAt = 0;
    onChange();
  };
  const schedule = () => {
    const now = performance.now();
    if (!firstAt) firstAt = now;
    if (timer !== undefined) clearTimeout(timer);
    const wait = now - firstAt >= MAX_WAIT_MS ? 0 : QUIET_MS;
    timer = ctx.setTimeout(run, wait);
  };

  const observer = new MutationObserver((records) => {
    // Our own host's churn (the guard re-applying styles) is not a console change.
    const own = (r: MutationRecord) =>
      isOwn(r.target) || (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(isOwn));
    if (records.length < 64 && records.every(own)) return;
    schedule();
  });
  observer.observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    // Consoles mark the open conversation and the buyer with these.
    attributeFilter: ['class', 'data-buyer-id', 'data-cy', 'data-qa-id', 'currentuid', 'aria-selected', 'data-platform'],
  });
  ctx.onInvalidated(() => observer.disconnect());

  // Same-document navigations (pushState, back/forward) also count, even when the DOM is reused.
  ctx.addEventListener(window, 'popstate', schedule);
  const nav = (window as unknown as { navigation?: EventTarget }).navigation;
  if (nav) ctx.addEventListener(nav as unknown as Window, 'navigatesuccess' as keyof WindowEventMap, schedule);
}
