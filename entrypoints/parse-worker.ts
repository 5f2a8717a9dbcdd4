// Parses the second part of a big order export for the import worker, so the parse runs on two cores.
import { serveSecondParts, type MessagePortLike } from '@/lib/import/split-read';

// Built by WXT as an unlisted script (a classic worker bundle at /parse-worker.js), started only by
// the import worker; a message from anyone else is not possible on a dedicated worker's scope.
export default defineUnlistedScript(() => {
  serveSecondParts(globalThis as unknown as MessagePortLike);
});
