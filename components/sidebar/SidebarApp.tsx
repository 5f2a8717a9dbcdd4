import { useMemo, useRef } from 'react';
import { browser } from 'wxt/browser';
import { ErrorBoundary } from '@/components/common/ErrorBoundary';
import { LocaleProvider, useLocale, useT } from '@/components/common/i18n';
import { productAskedAbout } from '@/lib/concerns/product';
import { DEFAULT_UI_LOCALE, translate, type MessageKey } from '@/lib/i18n';
import { sameConsoleBuyer } from '@/lib/schemas/ids';
import type { ConsoleState } from '@/lib/schemas/messages';
import type { AppSettings } from '@/lib/settings/app';
import { BirthdayField } from './BirthdayField';
import { BuyerCard } from './BuyerCard';
import { useConcernDetection, useMeaningFinder } from './concern-detection';
import { ConcernsPanel } from './ConcernsPanel';
import { Degraded, NotRecognised, Repaired } from './ConsoleHealth';
import { NotesPanel } from './NotesPanel';
import { RemindersPanel } from './RemindersPanel';
import { SuggestionsPanel } from './SuggestionsPanel';
import { MarkConcern } from './MarkConcern';
import { useSuggestionFacts } from './SuggestionsModel';
import { useHub, type HubApi } from './useHub';
import { useTeam } from '@/components/common/useTeam';

export function SidebarApp() {
  const hub = useHub();
  // Settings come with every view; a view that could not be computed says why.
  const settings = hub.view?.settings;
  if (!settings && hub.viewError) {
    return (
      <div className="htk" data-testid="htk-sidebar">
        <Header hub={hub} />
        <main className="body">
          <Status kind="warn">{translate(DEFAULT_UI_LOCALE, 'sb_errorLoading', { message: hub.viewError })}</Status>
        </main>
      </div>
    );
  }
  if (!settings) return <div className="htk" data-testid="htk-sidebar" />;
  return (
    <LocaleProvider locale={settings.uiLocale}>
      <div className="htk" data-testid="htk-sidebar">
        <Header hub={hub} />
        <main className="body">
          <TeamNotice />
          <ErrorBoundary name="eb_panel_page">
            <Body hub={hub} settings={settings} />
          </ErrorBoundary>
        </main>
      </div>
    </LocaleProvider>
  );
}

function Header({ hub }: { hub: HubApi }) {
  const t = useT();
  return (
    <header className="bar">
      <span className="brand">{t('extName')}</span>
      <span className="console-name">{hub.state?.consoleName ?? ''}</span>
      <button
        type="button"
        className="icon"
        title={t('sb_openOptions')}
        aria-label={t('sb_openOptions')}
        onClick={() => void browser.runtime.openOptionsPage()}
      >
        ⚙
      </button>
      <button
        type="button"
        className="icon"
        title={t('sb_collapse')}
        aria-label={t('sb_collapse')}
        onClick={() => hub.send({ type: 'setLayout', layout: { collapsed: true } })}
      >
        ›
      </button>
    </header>
  );
}

/** The shop server's word on this browser, when it matters here: revoked, or unreachable. */
function TeamNotice() {
  const t = useT();
  const { status } = useTeam();
  if (status?.state === 'refused')
    return (
      <div className="status warn" role="alert" data-testid="team-sidebar-status" data-value="refused">
        {t('team_sb_refused')}
      </div>
    );
  if (status?.state === 'offline')
    return (
      <div className="status info" role="status" data-testid="team-sidebar-status" data-value="offline">
        {t('team_sb_offline')}
      </div>
    );
  return null;
}

function Status({
  children,
  kind = 'info',
  testId,
}: {
  children: React.ReactNode;
  kind?: 'info' | 'warn';
  testId?: string;
}) {
  return (
    <div className={`status ${kind}`} data-testid={testId} role={kind === 'warn' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

function Body({ hub, settings }: { hub: HubApi; settings: AppSettings }) {
  const t = useT();
  const { state } = hub;
  if (!state) return <Status>{t(hub.status === 'connecting' ? 'sb_connecting' : 'sb_noConversation')}</Status>;
  if (state.status === 'loading') return <Status>{t('sb_consoleLoading', { console: state.consoleName })}</Status>;
  if (state.status === 'not_recognised') return <NotRecognised hub={hub} state={state} />;
  const key = `${state.buyer.platform}|${state.buyer.id ?? ''}|${state.buyer.nick}`;
  // Keyed by the buyer: an error in one buyer's view does not stay when the agent opens another.
  return (
    <ErrorBoundary key={key} name="eb_panel_page">
      <BuyerView hub={hub} state={state} settings={settings} />
    </ErrorBoundary>
  );
}

function BuyerView({
  hub,
  state,
  settings,
}: {
  hub: HubApi;
  state: Extract<ConsoleState, { status: 'ok' }>;
  settings: AppSettings;
}) {
  const t = useT();
  const locale = useLocale();
  const { buyer } = state;
  // The background's view of this conversation (the view of the previous one until it arrives).
  const pushed = hub.view?.conversation;
  const conversation = pushed && sameConsoleBuyer(pushed.for, buyer) ? pushed : null;
  const stableTaxonomy = useStable(hub.view?.taxonomy);
  const detection = useConcernDetection(state.messages, stableTaxonomy);
  const meaning = useMeaningFinder(stableTaxonomy);
  const suggestionFacts = useSuggestionFacts(state, conversation?.lookup ?? null, detection, locale);

  if (!conversation) {
    if (hub.viewError) return <Status kind="warn">{t('sb_errorLoading', { message: hub.viewError })}</Status>;
    return <Status>{t('loading')}</Status>;
  }
  const { profile, match, anyData, live, dataAsOf } = conversation.lookup;
  const id = conversation.buyerId;
  const taxonomy = stableTaxonomy;
  const ctx = {
    buyerId: id,
    nick: buyer.nick,
    platform: buyer.platform,
    consoleId: state.consoleId,
    conversationId: `${state.consoleId}:${buyer.id ?? buyer.nick}`,
    productOf: (messageId: string) => productAskedAbout(state.messages, state.products, messageId),
  };
  return (
    <>
      <Degraded hub={hub} state={state} />
      <Repaired hub={hub} state={state} />
      {!anyData && (
        <Status>
          {t('sb_noData')}{' '}
          <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('sb_importNow')}
          </button>
        </Status>
      )}
      {/* One boundary per panel: a panel that fails says so and can be retried; the others stay. */}
      <ErrorBoundary name="eb_panel_buyer">
        <BuyerCard
          nick={buyer.nick}
          platform={buyer.platform}
          profile={profile}
          match={match}
          settings={settings}
          live={live}
          dataAsOf={dataAsOf}
        />
      </ErrorBoundary>
      {suggestionFacts && (
        <ErrorBoundary name="eb_panel_suggestions">
          <SuggestionsPanel
            hub={hub}
            facts={suggestionFacts.facts}
            settings={settings}
            concernNames={suggestionFacts.concernNames}
            meaning={meaning}
          />
        </ErrorBoundary>
      )}
      <ErrorBoundary name="eb_panel_reminders">
        <RemindersPanel
          hub={hub}
          buyerId={id}
          nick={buyer.nick}
          platform={buyer.platform}
          timeZone={settings.timeZone}
        />
      </ErrorBoundary>
      <ErrorBoundary name="eb_panel_concerns">
        <ConcernsPanel
          hub={hub}
          ctx={ctx}
          detected={detection.detected}
          autoSave={settings.autoSaveConcerns}
          nameOf={(c) => detection.nameOf(c, locale)}
        />
        {taxonomy && (
          <MarkConcern
            hub={hub}
            ctx={ctx}
            messages={state.messages}
            concerns={taxonomy.concerns.filter((c) => c.enabled !== false).map((c) => c.id)}
            nameOf={(c) => detection.nameOf(c, locale)}
          />
        )}
      </ErrorBoundary>
      <ErrorBoundary name="eb_panel_birthday">
        <BirthdayField hub={hub} buyerId={id} nick={buyer.nick} platform={buyer.platform} />
      </ErrorBoundary>
      <ErrorBoundary name="eb_panel_notes">
        <NotesPanel hub={hub} buyerId={id} />
      </ErrorBoundary>
      <Footnote keyName="cmdToggleSidebar" />
    </>
  );
}

/** The same object while its content is the same, so a re-read of unchanged data recomputes nothing. */
function useStable<T>(value: T | undefined): T | undefined {
  const ref = useRef<{ json: string; value: T } | undefined>(undefined);
  const json = useMemo(() => (value === undefined ? null : JSON.stringify(value)), [value]);
  return useMemo(() => {
    if (value === undefined || json === null) return undefined;
    return json === ref.current?.json ? ref.current.value : value;
  }, [json]); // eslint-disable-line react-hooks/exhaustive-deps
}

function Footnote({ keyName }: { keyName: MessageKey }) {
  const t = useT();
  return <p className="footnote">Alt+Shift+H · {t(keyName)}</p>;
}
