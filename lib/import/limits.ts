/**
 * How much one in-browser import may read. The browser's import holds every order of a run until
 * it writes them (lib/db/import-hold.ts) and then writes them all into the extension's IndexedDB;
 * the largest run measured is the 1,000,000-row Taobao bench export (424 MB, GB18030), so 512 MiB
 * leaves some margin above it. A 10M-row export (~4 GB) has not been shown to fit a worker's heap
 * nor the profile's storage: the options page refuses such a run up front and sends the supervisor
 * to the team server's import, which streams.
 */
export const BROWSER_IMPORT_MAX_BYTES = 512 * 1024 * 1024;

/** The total and the limit when files chosen together are too big to import in the browser; else null. */
export function browserImportTooBig(
  sizes: readonly number[],
  limit = BROWSER_IMPORT_MAX_BYTES,
): { total: number; limit: number } | null {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  return total > limit ? { total, limit } : null;
}

/** Bytes as people read them on the import page: `1.2 GB`, `512 MB`. */
export function sizeLabel(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.round(mb)} MB`;
}
