/**
 * Resolves in a later task of the event loop, not a microtask: whatever else is queued (a message
 * from another worker, a nested worker's start-up) runs first. Reading a file whose bytes are already
 * buffered resolves every read as a microtask, so a reader that never waits for a task keeps its
 * worker's messages waiting until it is done.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
