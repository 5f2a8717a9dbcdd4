// Keeps the supervisor's buyers table (200,000 rows in big shops) off the options page's main
// thread: loading, deriving, filtering and the CSV happen here; the page gets only what it shows.
import { db } from '@/lib/db/database';
import { createBuyersTableService } from '@/lib/export/buyers-table';
import type { BuyersTableReply } from '@/lib/export/buyers-table-protocol';
import { databaseRowSource } from '@/lib/export/buyers-table-source';

// Built by WXT as an unlisted script (a classic worker bundle at /buyers-worker.js).
export default defineUnlistedScript(() => {
  const service = createBuyersTableService(databaseRowSource(db()), (reply: BuyersTableReply) => postMessage(reply));
  addEventListener('message', (event: MessageEvent) => void service.receive(event.data));
});
