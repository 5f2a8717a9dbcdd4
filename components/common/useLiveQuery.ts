import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';

export type Live<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: Error };

/**
 * Subscribe to a Dexie query: re-runs when the tables it read change, in this page or in any
 * other extension page (Dexie broadcasts changes across same-origin contexts).
 */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: readonly unknown[]): Live<T> {
  const [state, setState] = useState<Live<T>>({ status: 'loading' });
  useEffect(() => {
    setState({ status: 'loading' });
    const sub = liveQuery(query).subscribe({
      next: (value) => setState({ status: 'ready', value }),
      error: (error: unknown) =>
        setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}
