import { useEffect, useState } from 'react';
import type { SidebarRequest, SidebarResult } from '@/lib/schemas/sidebar-rpc';
import type { Live } from '@/components/common/useLiveQuery';
import type { HubApi } from './useHub';

/**
 * A background query that re-runs when its request changes or when data changed anywhere.
 * Keeps showing the previous value while re-reading, so the panel does not flash.
 */
export function useQuery<R extends SidebarRequest>(
  hub: Pick<HubApi, 'rpc' | 'changeTick' | 'status'>,
  request: R | null,
): Live<SidebarResult<R['method']>> {
  const [state, setState] = useState<Live<SidebarResult<R['method']>>>({ status: 'loading' });
  const key = request ? JSON.stringify(request) : '';
  useEffect(() => {
    if (!request) return;
    let live = true;
    hub.rpc(request).then(
      (value) => live && setState({ status: 'ready', value }),
      (error: Error) => {
        // A restart of the service worker drops calls; the reconnect bumps changeTick and we ask again.
        if (live && error.message !== 'disconnected') setState({ status: 'error', error });
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, hub.changeTick, hub.status]);
  useEffect(() => setState({ status: 'loading' }), [key]);
  return state;
}
