import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useLocale, useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { db } from '@/lib/db/database';
import { pinStatus } from '@/lib/db/supervisor-lock';
import { describeMissing, partNames } from '@/lib/consoles/health';
import { ConsoleStateSchema, type ConsoleState, type TeachRequest } from '@/lib/schemas/messages';

interface ActiveTab {
  id: number;
  url: string;
}

/** The content script may still be starting (it reads its settings first): ask a few times. */
async function sendTeach(tabId: number, request: TeachRequest): Promise<void> {
  let last: unknown;
  for (let i = 0; i < 10; i++) {
    try {
      if (await browser.tabs.sendMessage(tabId, request, { frameId: 0 })) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw last instanceof Error ? last : new Error('no answer from the page');
}

/**
 * The open tab's console in the popup (issue 20): how it reads, in plain words (which part is
 * missing, since when), "重新指一下" and "恢复内置"; on a site no console matches, "教会回头客这个
 * 页面", which asks for access to that site (inside the click, as the browser requires) and opens
 * the picker there.
 */
export function TabHealth() {
  const t = useT();
  const locale = useLocale();
  const [tab, setTab] = useState<ActiveTab | null>(null);
  const [state, setState] = useState<ConsoleState | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  // With a supervisor PIN set, teaching is the supervisor's: the PIN is typed here, not on the page.
  const pinState = useLiveQuery(() => pinStatus(db(), Date.now()), []);
  const pinSet = pinState.status !== 'ready' || pinState.value.set;

  useEffect(() => {
    let live = true;
    void (async () => {
      const [active] = await browser.tabs.query({ active: true, currentWindow: true });
      if (!live || active?.id === undefined || !active.url || !/^https?:\/\//.test(active.url)) return;
      setTab({ id: active.id, url: active.url });
      const parsed = ConsoleStateSchema.nullable().safeParse(
        await browser.runtime.sendMessage({ type: 'tabState', tabId: active.id }).catch(() => null),
      );
      if (live) setState(parsed.success ? parsed.data : null);
    })();
    return () => {
      live = false;
    };
  }, []);

  if (!tab) return null;

  const start = (mode: TeachRequest['mode']) => {
    const run = async () => {
      if (pinSet) {
        const allowed = (await browser.runtime.sendMessage({ type: 'allowTeach', tabId: tab.id, pin })) as
          { ok: boolean; reason?: string } | undefined;
        if (!allowed?.ok) {
          setNote(t(allowed?.reason === 'lockedOut' ? 'health_pinLocked' : 'health_pinWrong'));
          return;
        }
      }
      await browser.scripting.executeScript({
        target: { tabId: tab.id, frameIds: [0] },
        files: ['/content-scripts/huitouke.js'],
      });
      await sendTeach(tab.id, { type: 'teach', mode, locale });
      window.close();
    };
    const fail = (e: unknown) =>
      setNote(t('health_startFailed', { message: e instanceof Error ? e.message : String(e) }));
    if (state) {
      run().catch(fail);
      return;
    }
    // A site no console matches: its access is asked for now, so what is taught there stays registered.
    const url = new URL(tab.url);
    void browser.permissions
      .request({ origins: [`${url.protocol}//${url.hostname}/*`] })
      .catch(() => false)
      .then((granted) => (granted ? run().catch(fail) : setNote(t('health_denied'))));
  };

  const restore = (consoleId: string, name: string) => {
    void browser.runtime.sendMessage({ type: 'restoreBuiltIn', consoleId }).then(() => {
      setNote(t('health_restored', { console: name }));
      setState((s) => (s ? { ...s, repaired: [] } : s));
    });
  };

  const actionable = !state || state.status === 'not_recognised' || (state.status === 'ok' && !!state.degraded?.length);
  const pinField = pinSet && actionable && (
    <label className="popup-pin">
      {t('health_pinLabel')}{' '}
      <input
        type="password"
        value={pin}
        maxLength={32}
        autoComplete="off"
        onChange={(e) => setPin(e.target.value)}
        data-testid="popup-pin"
      />
    </label>
  );
  return (
    <section className="popup-health" data-testid="popup-health">
      {pinField}
      {!state && (
        <>
          <p>{t('health_teachHelp')}</p>
          <button type="button" className="primary" data-testid="popup-teach" onClick={() => start('new')}>
            {t('health_teach')}
          </button>
          <p className="popup-empty">{t('health_unsupported')}</p>
        </>
      )}
      {state?.status === 'loading' && <p>{t('health_loading', { console: state.consoleName })}</p>}
      {state?.status === 'ok' && (
        <>
          <p>{t('health_ok', { console: state.consoleName })}</p>
          {state.degraded?.length ? (
            <p className="popup-health-warn">
              {describeMissing(state.degraded, locale, state.since, Date.now())}{' '}
              <button type="button" className="link" onClick={() => start('repair')}>
                {t('health_repoint')}
              </button>
            </p>
          ) : null}
        </>
      )}
      {state?.status === 'not_recognised' && (
        <>
          <p className="popup-health-warn">{t('health_broken', { console: state.consoleName })}</p>
          {state.missing.length > 0 && (
            <p data-testid="popup-health-missing">{describeMissing(state.missing, locale, state.since, Date.now())}</p>
          )}
          <p>
            <button type="button" className="primary" onClick={() => start('repair')}>
              {t('health_repoint')}
            </button>{' '}
            <button type="button" className="link" onClick={() => start('new')}>
              {t('health_teach')}
            </button>
          </p>
        </>
      )}
      {state?.repaired?.length ? (
        <p>
          {t('health_repaired', {
            parts: partNames(
              state.repaired.map((p) => (p === 'messages' ? 'messageRow' : p)),
              locale,
            ),
          })}{' '}
          <button type="button" className="link" onClick={() => restore(state.consoleId, state.consoleName)}>
            {t('health_restore')}
          </button>
        </p>
      ) : null}
      {note && (
        <p className="popup-empty" role="status">
          {note}
        </p>
      )}
    </section>
  );
}
