// Code the benchmark runs inside extension pages. Kept as source text: functions compiled by tsx
// carry helper calls that do not exist in the browser.

/** Options page: record long tasks and event-loop delay (a 50 ms timer that fires late). */
export const INSTALL_RESPONSIVENESS_PROBE = `(() => {
  const s = { longTasks: [], lags: [], observer: true };
  globalThis.__htkProbe = s;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) s.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
  } catch { s.observer = false; }
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const lag = now - last - 50;
    if (lag > 4) s.lags.push([now, lag]);
    last = now;
  }, 50);
  return performance.now();
})()`;

/** Options page: when the import panel's progress line changes (its text names the phase). */
export const INSTALL_PHASE_PROBE = `(() => {
  const seen = [];
  const span = { start: null, done: null };
  globalThis.__htkPhases = { seen, span };
  document.querySelector('[data-testid="import-file"]').addEventListener('change', () => { span.start ??= performance.now(); }, { capture: true });
  let last = '';
  new MutationObserver(() => {
    const text = document.querySelector('[data-testid="import-progress"] p')?.textContent ?? '';
    if (text !== last) seen.push([performance.now(), (last = text)]);
    if (span.done === null && document.querySelector('[data-testid="import-done"], [data-testid="import-failed"]')) span.done = performance.now();
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
  return true;
})()`;

/**
 * What the phase probe saw, in the page's time: each change of the progress line, and when the
 * files were chosen (the input's change event) and the summary appeared. Waiting for the summary
 * from the bench polls every few hundred milliseconds, so the import's time is taken from these.
 */
export const READ_PHASE_PROBE = 'globalThis.__htkPhases';

export interface PhaseReading {
  seen: [number, string][];
  span: { start: number | null; done: number | null };
}

export const READ_RESPONSIVENESS_PROBE = `(() => ({ now: performance.now(), longTasks: globalThis.__htkProbe.longTasks, lags: globalThis.__htkProbe.lags, observer: globalThis.__htkProbe.observer }))()`;

export interface ProbeReading {
  now: number;
  longTasks: [number, number][];
  lags: [number, number][];
  observer: boolean;
}

/** Options page: an <input type=file> the bench fills, then copies its File into a scratch database. */
export const ADD_STASH_INPUT = `(() => {
  const input = document.createElement('input');
  input.type = 'file';
  input.id = 'htk-bench-stash';
  input.hidden = true;
  document.body.append(input);
  return true;
})()`;

export const stashFile = (key: string, dbName: string) => `new Promise((resolve, reject) => {
  const file = document.getElementById('htk-bench-stash').files[0];
  const open = indexedDB.open(${JSON.stringify(dbName)}, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('files');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const tx = open.result.transaction('files', 'readwrite');
    tx.objectStore('files').put(file, ${JSON.stringify(key)});
    tx.oncomplete = () => { open.result.close(); resolve(file.size); };
    tx.onerror = () => reject(tx.error);
  };
})`;

export const dropStash = (dbName: string) => `new Promise((resolve) => {
  document.getElementById('htk-bench-stash')?.remove();
  const r = indexedDB.deleteDatabase(${JSON.stringify(dbName)});
  r.onsuccess = r.onerror = r.onblocked = () => resolve(true);
})`;
