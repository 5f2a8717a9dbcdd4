/** Save text chunks as a file through the browser's download, without building one huge string. */
export function downloadChunks(name: string, chunks: Iterable<string>, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(name, new Blob([...chunks], { type }));
}

/** Save a Blob (e.g. one a worker built) as a file through the browser's download. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function stamp(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
}
