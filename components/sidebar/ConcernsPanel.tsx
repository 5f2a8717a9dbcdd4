import { useEffect } from 'react';
import { useT } from '@/components/common/i18n';
import { concernId } from '@/lib/db/annotations';
import type { ConcernProduct } from '@/lib/concerns/product';
import type { Platform } from '@/lib/schemas/common';
import type { HubApi } from './useHub';
import { useViewPart } from './useViewPart';

/** A concern found in one of the open conversation's buyer messages. */
export interface DetectedConcern {
  messageId: string;
  quote: string;
  concern: string;
}

export interface ConcernContext {
  buyerId: string;
  nick: string;
  platform: Platform;
  consoleId: string;
  conversationId: string;
  /** The product the buyer was asking about in a message (the last product card before it), if any. */
  productOf?: (messageId: string) => ConcernProduct | null;
}

/**
 * Concerns in this chat as chips the agent confirms with one click (or saved automatically),
 * and the concerns recorded before, newest first.
 */
export function ConcernsPanel({
  hub,
  ctx,
  detected,
  autoSave,
  nameOf,
}: {
  hub: HubApi;
  ctx: ConcernContext;
  detected: DetectedConcern[];
  autoSave: boolean;
  nameOf: (id: string) => string;
}) {
  const t = useT();
  const saved = useViewPart(hub, ctx.buyerId, 'concerns');
  const savedIds = new Set(saved.status === 'ready' ? saved.value.map((c) => c.id) : []);
  const pending = detected.filter(
    (d) => !savedIds.has(concernId(ctx.buyerId, ctx.conversationId, d.messageId, d.concern)),
  );

  const save = (d: DetectedConcern, source: 'agent' | 'auto') => {
    const product = ctx.productOf?.(d.messageId);
    return hub.rpc({
      method: 'saveConcern',
      concern: {
        buyerId: ctx.buyerId,
        nick: ctx.nick,
        platform: ctx.platform,
        console: ctx.consoleId,
        conversationId: ctx.conversationId,
        messageId: d.messageId,
        concern: d.concern,
        quote: d.quote.slice(0, 2000),
        source,
        ...(product ? { product } : {}),
      },
    });
  };

  const pendingKey = pending.map((d) => `${d.messageId}/${d.concern}`).join('|');
  useEffect(() => {
    if (!autoSave || saved.status !== 'ready') return;
    for (const d of pending) void save(d, 'auto');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoSave, pendingKey, saved.status]);

  return (
    <section className="card concerns">
      <h2>{t('sb_concerns')}</h2>
      {pending.length > 0 && !autoSave && (
        <div className="detected">
          <span className="label">{t('sb_detected')}</span>
          {pending.map((d) => (
            <button
              type="button"
              key={`${d.messageId}/${d.concern}`}
              className="concern-chip"
              data-testid="concern-chip"
              data-concern={d.concern}
              title={t('sb_confirmTitle', { quote: d.quote.slice(0, 80) })}
              onClick={() => void save(d, 'agent')}
            >
              {nameOf(d.concern)} <span className="plus">＋</span>
            </button>
          ))}
        </div>
      )}
      {saved.status === 'ready' && saved.value.length === 0 && pending.length === 0 && (
        <p className="empty">{t('sb_noConcerns')}</p>
      )}
      {saved.status === 'ready' && saved.value.length > 0 && (
        <ul className="concern-list">
          {saved.value.map((c) => (
            <li key={c.id} className={c.resolved ? 'resolved' : ''} data-testid="concern-item" data-concern={c.concern}>
              <div className="row">
                <span className="concern-name">{nameOf(c.concern)}</span>
                <span className="meta">
                  {c.date} · {t('sb_byAgent', { agent: c.agent })}
                </span>
                <label className="resolve">
                  <input
                    type="checkbox"
                    checked={c.resolved}
                    onChange={(e) => void hub.rpc({ method: 'resolveConcern', id: c.id, resolved: e.target.checked })}
                  />
                  {c.resolved ? t('sb_resolved') : t('sb_unresolved')}
                </label>
              </div>
              <q className="quote">{c.quote}</q>
              {c.product && (
                <span
                  className="meta concern-product"
                  data-testid="concern-product"
                  data-product-id={c.product.id ?? ''}
                >
                  {t('sb_concernProduct', { title: c.product.title || c.product.id || '' })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
