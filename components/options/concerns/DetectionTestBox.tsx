import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { compileTaxonomy, detect, detectHits, type Taxonomy } from '@/lib/concerns';
import type { MessageKey } from '@/lib/i18n';

/** Type a buyer message, see which concerns the (unsaved) taxonomy finds and which rule fired. */
export function DetectionTestBox({ taxonomy, dirty }: { taxonomy: Taxonomy; dirty: boolean }) {
  const t = useT();
  const locale = useLocale();
  const [message, setMessage] = useState('');
  const deferred = useDeferredValue(message);
  const matcher = useMemo(() => compileTaxonomy(taxonomy), [taxonomy]);
  const found = useMemo(() => (deferred.trim() ? detect(deferred, matcher) : []), [deferred, matcher]);
  // Every rule that matched, also those too weak alone to report their concern.
  const hits = useMemo(() => (deferred.trim() ? detectHits(deferred, matcher) : []), [deferred, matcher]);
  const name = (id: string) => {
    const c = taxonomy.concerns.find((x) => x.id === id);
    return c ? (locale === 'en' ? c.names.en : c.names['zh-CN']) : id;
  };
  return (
    <section className="ws-card" data-testid="concern-test">
      <div className="ws-card-head">
        <h2>{t('ws_tax_testTitle')}</h2>
        {dirty && <span className="ws-badge warn">{t('ws_tax_testUnsaved')}</span>}
      </div>
      <textarea
        className="ws-input test-input"
        rows={2}
        value={message}
        placeholder={t('ws_tax_testPlaceholder')}
        onChange={(e) => setMessage(e.target.value)}
        data-testid="concern-test-input"
      />
      {deferred.trim() && (
        <div className="test-out">
          <p className="test-message">
            {highlight(
              deferred,
              hits.map((h) => [h.start, h.end] as [number, number]),
            )}
          </p>
          {found.length === 0 ? (
            <p className="ws-hint" data-testid="concern-test-none">
              {t('ws_tax_testNone')}
            </p>
          ) : (
            <table className="ws-table" data-testid="concern-test-result">
              <thead>
                <tr>
                  <th>{t('ws_tax_testConcern')}</th>
                  <th className="num">{t('ws_tax_testScore')}</th>
                  <th>{t('ws_tax_testRule')}</th>
                  <th>{t('ws_tax_testWords')}</th>
                </tr>
              </thead>
              <tbody>
                {found.map((d) => (
                  <tr key={d.concern} data-concern={d.concern}>
                    <td>
                      <strong>{name(d.concern)}</strong> <code className="muted">{d.concern}</code>
                    </td>
                    <td className="num">{d.score.toFixed(2)}</td>
                    <td>
                      <code>{d.rule}</code>
                    </td>
                    <td>「{deferred.slice(d.span[0], d.span[1])}」</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {hits.length > 0 && (
            <details className="test-hits">
              <summary>{t('ws_tax_testHits', { n: hits.length })}</summary>
              <ul>
                {hits.map((h, i) => (
                  <li key={i}>
                    <strong>{name(matcher.concerns[h.rule.concern]?.id ?? '')}</strong> ·{' '}
                    {t(`concern_${h.rule.kind}s` as MessageKey)} <code>{h.rule.term}</code> ({h.rule.lang}) ×
                    {h.score.toFixed(2)}
                    {h.typo ? ` · ${t('ws_tax_testTypo', { typo: h.typo })}` : ''} — 「{deferred.slice(h.start, h.end)}
                    」
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}

function highlight(text: string, spans: [number, number][]): ReactNode[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: ReactNode[] = [];
  let at = 0;
  for (const [s, e] of sorted) {
    if (s < at) continue;
    if (s > at) out.push(text.slice(at, s));
    out.push(<mark key={s}>{text.slice(s, e)}</mark>);
    at = e;
  }
  out.push(text.slice(at));
  return out;
}
