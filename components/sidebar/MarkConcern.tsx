import { useState } from 'react';
import { useT } from '@/components/common/i18n';
import type { ConsoleMessage } from '@/lib/schemas/messages';
import type { ConcernContext } from './ConcernsPanel';
import type { HubApi } from './useHub';

/** Buyer messages offered for marking: the latest few. */
const SHOWN = 5;

/**
 * Select text → concern: the agent selects the words in a buyer message that raise a concern the
 * detector missed, picks the concern and saves it. It is saved as the buyer's concern (flagged
 * `missed`, with the whole message) and so kept as a labelled example the supervisor exports
 * (lib/export/concern-examples.ts). The messages are shown here, inside the sidebar's frame, so
 * the selection never involves the console page.
 */
export function MarkConcern({
  hub,
  ctx,
  messages,
  concerns,
  nameOf,
}: {
  hub: HubApi;
  ctx: ConcernContext;
  messages: readonly ConsoleMessage[];
  concerns: readonly string[];
  nameOf: (id: string) => string;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<{ messageId: string; text: string } | null>(null);
  const [concern, setConcern] = useState(concerns[0] ?? '');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const buyerMessages = messages.filter((m) => m.author === 'buyer').slice(-SHOWN);

  const readSelection = () => {
    const sel = window.getSelection();
    const text = sel?.toString().trim() ?? '';
    const node = sel?.anchorNode ?? null;
    const el = node ? (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement) : null;
    const messageId = el?.closest<HTMLElement>('[data-message-id]')?.dataset.messageId;
    if (text && messageId) {
      setPicked({ messageId, text: text.slice(0, 2000) });
      setStatus(null);
    }
  };

  const save = async () => {
    const message = picked && buyerMessages.find((m) => m.id === picked.messageId);
    if (!picked || !message || !concern) return setStatus({ ok: false, text: t('mk_pickFirst') });
    const product = ctx.productOf?.(message.id);
    try {
      await hub.rpc({
        method: 'saveConcern',
        concern: {
          buyerId: ctx.buyerId,
          nick: ctx.nick,
          platform: ctx.platform,
          console: ctx.consoleId,
          conversationId: ctx.conversationId,
          messageId: message.id,
          concern,
          quote: picked.text,
          source: 'agent',
          missed: true,
          messageText: message.text.slice(0, 2000),
          ...(product ? { product } : {}),
        },
      });
      setStatus({ ok: true, text: t('mk_saved', { concern: nameOf(concern) }) });
      setPicked(null);
    } catch (e) {
      setStatus({ ok: false, text: t('mk_failed', { message: e instanceof Error ? e.message : String(e) }) });
    }
  };

  if (!open) {
    return (
      <button
        type="button"
        className="link small mark-open"
        onClick={() => setOpen(true)}
        data-testid="mark-concern-open"
      >
        {t('mk_open')}
      </button>
    );
  }
  return (
    <div className="mark-concern" data-testid="mark-concern">
      <p className="muted small">{t('mk_help')}</p>
      {buyerMessages.length === 0 ? (
        <p className="empty">{t('mk_noMessages')}</p>
      ) : (
        <ul className="mark-messages" onMouseUp={readSelection} onKeyUp={readSelection}>
          {buyerMessages.map((m) => (
            <li
              key={m.id}
              data-message-id={m.id}
              data-testid="mark-message"
              className={picked?.messageId === m.id ? 'picked' : ''}
            >
              {m.text}
            </li>
          ))}
        </ul>
      )}
      {picked && (
        <p className="mark-picked" data-testid="mark-picked">
          {t('mk_picked', { text: picked.text })}
        </p>
      )}
      <div className="mark-row">
        <label>
          <span className="muted small">{t('mk_concern')}</span>{' '}
          <select value={concern} onChange={(e) => setConcern(e.target.value)} data-testid="mark-concern-select">
            {concerns.map((c) => (
              <option key={c} value={c}>
                {nameOf(c)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary small" onClick={() => void save()} data-testid="mark-concern-save">
          {t('mk_save')}
        </button>
        <button type="button" className="link small" onClick={() => setOpen(false)}>
          {t('mk_close')}
        </button>
      </div>
      {status && (
        <p className={status.ok ? 'ok small' : 'error small'} role="status" data-testid="mark-concern-status">
          {status.text}
        </p>
      )}
    </div>
  );
}
