import { useMemo } from 'react';
import type { Live } from '@/components/common/useLiveQuery';
import type { BuyerId } from '@/lib/schemas/ids';
import type { ConversationView } from '@/lib/schemas/sidebar-view';
import type { HubApi } from './useHub';

type Part = Exclude<keyof ConversationView, 'for' | 'buyerId'>;

/**
 * One part of the open conversation's view, as the background pushed it (the sidebar asks for
 * nothing): ready while the view is of this buyer, loading until the view of a new one arrives.
 * The same object until another view arrives, so what is derived from it is not recomputed.
 */
export function useViewPart<P extends Part>(
  hub: Pick<HubApi, 'view' | 'viewError'>,
  buyerId: BuyerId,
  part: P,
): Live<ConversationView[P]> {
  const conversation = hub.view?.conversation;
  const error = hub.viewError;
  return useMemo((): Live<ConversationView[P]> => {
    if (conversation?.buyerId === buyerId) return { status: 'ready', value: conversation[part] };
    if (error) return { status: 'error', error: new Error(error) };
    return { status: 'loading' };
  }, [conversation, buyerId, part, error]);
}
