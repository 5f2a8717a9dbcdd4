import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * The first change after a quiet spell is read at once (next task: a framework's whole commit has
 * landed by then), so a conversation switch reaches the sidebar without waiting. Changes that keep
 * coming are read once the DOM has been quiet for QUIET_MS, and at least every MAX_WAIT_MS.
 */
const QUIET_MS = 25;
const MAX_WAIT_MS = 120;
const MARKER_ATTRIBUTES = [
  'class',
  'data-buyer-id',
  'data-cy',
  'data-qa-id',
  'currentuid',
  'aria-selected',
  'aria-current',
  'data-platform',
  'title',
];

/**
 * Calls `onChange` after the console's DOM or URL changed: conversation switches, new messages,
 * SPA navigation, whole subtrees replaced. Mutation records are not inspected one by one — a burst
 * of thousands costs one timer reset — and the re-read happens once the burst settles (or at most
 * every MAX_WAIT_MS while it goes on). No polling. Returns a function that stops watching.
 */
export function watchConsole(
  ctx: ContentScriptContext,
  onChange: () => void,
  isOwn: (node: Node) => boolean,
  /** Attributes the adapter reads values from (a buyer id in `data-uid`): their changes count too. */
  valueAttributes: readonly string[] = [],
  /** Documents of same-origin frames the console's chat sits in: watched too, found again after each change. */
  frameDocuments: () => Document[] = () => [],
): () => void {
  let timer: number | undefined;
  let burstStart = 0;
  let lastRun = Number.NEGATIVE_INFINITY;
  let stopped = false;
  let leading = false;
  const run = () => {
    timer = undefined;
    leading = false;
    burstStart = 0;
    lastRun = performance.now();
    if (stopped) return;
    followFrames();
    onChange();
  };
  const schedule = () => {
    if (stopped) return;
    // A read already due in the next task will see this change too.
    if (leading) return;
    const now = performance.now();
    if (timer === undefined && now - lastRun >= QUIET_MS) {
      leading = true;
      timer = ctx.setTimeout(run, 0);
      return;
    }
    if (!burstStart) burstStart = now;
    if (timer !== undefined) clearTimeout(timer);
    timer = ctx.setTimeout(run, now - burstStart >= MAX_WAIT_MS ? 0 : QUIET_MS);
  };

  const onRecords = (records: MutationRecord[]) => {
    // Our own host's churn (the guard re-applying styles) is not a console change.
    const own = (r: MutationRecord) =>
      isOwn(r.target) || (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(isOwn));
    if (records.length < 64 && records.every(own)) return;
    schedule();
  };
  const options: MutationObserverInit = {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    // Consoles mark the open conversation with these; the adapter's own value attributes come on top.
    attributeFilter: [...new Set([...MARKER_ATTRIBUTES, ...valueAttributes])],
  };
  const observer = new MutationObserver(onRecords);
  observer.observe(document.documentElement, options);
  // A chat frame's document is watched by an observer of its own, replaced when the frame loads anew.
  const frames = new Map<Document, MutationObserver>();
  function followFrames() {
    let docs: Document[];
    try {
      docs = frameDocuments();
    } catch {
      docs = [];
    }
    for (const [doc, obs] of frames) {
      if (!docs.includes(doc)) {
        obs.disconnect();
        frames.delete(doc);
      }
    }
    for (const doc of docs) {
      if (frames.has(doc) || !doc.documentElement) continue;
      const obs = new MutationObserver(onRecords);
      obs.observe(doc.documentElement, options);
      frames.set(doc, obs);
    }
  }
  followFrames();
  // A frame that (re)loads fires `load` on its element, which the page's document sees in capture.
  const onLoad = (e: Event) => {
    const tag = (e.target as Element | null)?.tagName;
    if (tag === 'IFRAME' || tag === 'FRAME') schedule();
  };
  document.addEventListener('load', onLoad, true);
  const stopNavigation = onNavigation(ctx, schedule);
  const stop = () => {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    for (const obs of frames.values()) obs.disconnect();
    frames.clear();
    document.removeEventListener('load', onLoad, true);
    stopNavigation();
    if (timer !== undefined) clearTimeout(timer);
  };
  ctx.onInvalidated(stop);
  return stop;
}

/** How often the URL is compared where the Navigation API is missing (WXT's `wxt:locationchange` fallback does the same). */
export const LOCATION_CHECK_MS = 1000;

/**
 * Same-document navigations: back/forward, hash changes and `history.pushState`, which fires no
 * DOM event of its own. Where the Navigation API exists (Chrome, Edge) its `navigatesuccess` says
 * so; where it does not (Firefox before it shipped there) the URL is compared every
 * LOCATION_CHECK_MS, the one polling in the content script (a string comparison; a console's
 * conversation switch also changes the DOM, which the MutationObserver sees at once). Returns a
 * function that stops listening.
 */
export function onNavigation(ctx: ContentScriptContext, listener: () => void): () => void {
  const targets: Array<[EventTarget, string]> = [
    [window, 'popstate'],
    [window, 'hashchange'],
  ];
  const nav = (window as unknown as { navigation?: EventTarget }).navigation;
  let interval: number | undefined;
  if (nav && typeof nav.addEventListener === 'function') {
    targets.push([nav, 'navigatesuccess']);
  } else {
    let last = location.href;
    interval = ctx.setInterval(() => {
      const now = location.href;
      if (now === last) return;
      last = now;
      listener();
    }, LOCATION_CHECK_MS);
  }
  for (const [target, type] of targets) target.addEventListener(type, listener);
  const stop = () => {
    for (const [target, type] of targets) target.removeEventListener(type, listener);
    if (interval !== undefined) clearInterval(interval);
  };
  ctx.onInvalidated(stop);
  return stop;
}
