import { useEffect, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { useT } from '@/components/common/i18n';
import { useTeam } from '@/components/common/useTeam';
import { db } from '@/lib/db/database';
import { loadAppSettings, saveAppSettings } from '@/lib/db/settings';
import type { MessageKey } from '@/lib/i18n';
import {
  checkServerUrl,
  inviteAgent,
  joinShop,
  listMembers,
  revokeMember,
  SyncTransportError,
  uploadExport,
  TEAM_CONNECTION_KEY,
  TEAM_STATUS_KEY,
  type FetchLike,
  type Member,
  type ServerUrlProblem,
  type TeamConnection,
} from '@/lib/sync';
import { Field, Icon } from '@/components/common/kit';

const pageFetch: FetchLike = (url, init) => fetch(url, init);

const URL_PROBLEM: Record<ServerUrlProblem, MessageKey> = {
  invalid: 'team_url_invalid',
  notHttp: 'team_url_invalid',
  insecure: 'team_url_insecure',
  credentials: 'team_url_invalid',
  queryOrFragment: 'team_url_invalid',
};

function errorKey(err: unknown): MessageKey {
  if (err instanceof SyncTransportError) {
    if (err.message === 'badJoinCode') return 'team_err_badCode';
    if (err.message === 'rateLimited') return 'team_err_rateLimited';
    if (err.kind === 'unauthorized') return 'team_refused';
    if (err.kind === 'offline') return 'team_err_unreachable';
  }
  return 'team_err_other';
}

/**
 * The shop server (issue 21): connect this browser with the server's address and a join code, see
 * how sync is going, disconnect; a supervisor invites agents and revokes members here.
 */
export function ServerPanel({ agentName }: { agentName: string }) {
  const t = useT();
  const team = useTeam();
  if (team.loading) return null;
  return (
    <section className="ws-card" data-testid="team-server">
      <div className="ws-card-head">
        <Icon name="check" />
        <h2>{t('team_title')}</h2>
      </div>
      {team.connection ? (
        <Connected
          connection={team.connection}
          state={team.status?.state ?? 'connecting'}
          lastSyncAt={team.status?.lastSyncAt ?? null}
          pending={team.status?.pending ?? 0}
        />
      ) : (
        <ConnectForm agentName={agentName} />
      )}
    </section>
  );
}

function ConnectForm({ agentName }: { agentName: string }) {
  const t = useT();
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState(agentName);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const connect = async (e: FormEvent) => {
    e.preventDefault();
    setMessage('');
    const check = checkServerUrl(url);
    if (!check.ok) return setMessage(t(URL_PROBLEM[check.problem]));
    if (!code.trim() || !name.trim()) return setMessage(t('team_err_missing'));
    // Asked from the click itself (the browser shows its prompt only for a user's action).
    const granted = await browser.permissions.request({ origins: [`${check.origin}/*`] }).catch(() => false);
    if (!granted) return setMessage(t('team_err_permission'));
    setBusy(true);
    try {
      const joined = await joinShop(check.baseUrl, pageFetch, code.trim(), name.trim());
      const connection: TeamConnection = {
        baseUrl: check.baseUrl,
        origin: check.origin,
        token: joined.token,
        member: joined.member,
        shop: joined.shop,
        connectedAt: Date.now(),
      };
      // Concerns, notes and tags carry the agent name: the team sees the name this browser joined with.
      const settings = await loadAppSettings(db());
      if (settings.agentName !== joined.member.name)
        await saveAppSettings(db(), { ...settings, agentName: joined.member.name });
      await browser.storage.local.set({ [TEAM_CONNECTION_KEY]: connection });
      setCode('');
    } catch (err) {
      setMessage(t(errorKey(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="pin-form" onSubmit={(e) => void connect(e)}>
      <p className="ws-card-sub">{t('team_help')}</p>
      <Field label={t('team_url')} hint={t('team_url_hint')}>
        <input
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://"
          data-testid="team-server-url"
        />
      </Field>
      <Field label={t('team_code')}>
        <input
          type="text"
          autoComplete="off"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          data-testid="team-join-code"
        />
      </Field>
      <Field label={t('team_name')} hint={t('team_name_hint')}>
        <input
          type="text"
          value={name}
          maxLength={40}
          onChange={(e) => setName(e.target.value)}
          data-testid="team-name"
        />
      </Field>
      <div className="ws-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="team-connect">
          {t('team_connect')}
        </button>
        <span className="warn-text" data-value="off" data-testid="team-status">
          {message ? '' : t('team_state_off')}
        </span>
      </div>
      {message && (
        <p className="warn-text" role="alert" data-testid="team-error">
          {message}
        </p>
      )}
    </form>
  );
}

const STATE_TEXT = {
  connecting: 'team_state_connecting',
  online: 'team_state_online',
  offline: 'team_state_offline',
  refused: 'team_state_refused',
} as const;

function Connected({
  connection,
  state,
  lastSyncAt,
  pending,
}: {
  connection: TeamConnection;
  state: keyof typeof STATE_TEXT;
  lastSyncAt: number | null;
  pending: number;
}) {
  const t = useT();
  const [message, setMessage] = useState('');
  const supervisor = connection.member.role === 'supervisor';
  const disconnect = async () => {
    await browser.storage.local.remove([TEAM_CONNECTION_KEY, TEAM_STATUS_KEY]);
    await browser.permissions.remove({ origins: [`${connection.origin}/*`] }).catch(() => false);
  };
  return (
    <div className="team-server">
      <p>
        <span className={`ws-badge ${state === 'online' ? 'ok' : 'warn'}`} data-testid="team-status" data-value={state}>
          {t(STATE_TEXT[state])}
        </span>{' '}
        <span data-testid="team-member" data-role={connection.member.role}>
          {t('team_member', {
            name: connection.member.name,
            role: t(supervisor ? 'team_role_supervisor' : 'team_role_agent'),
            shop: connection.shop.name,
          })}
        </span>
      </p>
      <p className="ws-hint" data-testid="team-last-sync">
        {lastSyncAt ? t('team_lastSync', { time: new Date(lastSyncAt).toLocaleString() }) : t('team_neverSynced')}
        {pending > 0 ? ` · ${t('team_pending', { n: pending })}` : ''}
      </p>
      <p className="ws-hint">{t('team_syncs')}</p>
      {state === 'refused' && (
        <p className="warn-text" role="alert" data-testid="team-refused">
          {t('team_refused')}
        </p>
      )}
      {!supervisor && <p className="ws-hint">{t('team_agentPlaybook')}</p>}
      {supervisor && state !== 'refused' && <Supervisor connection={connection} onError={setMessage} />}
      {message && (
        <p className="warn-text" role="alert">
          {message}
        </p>
      )}
      <div className="ws-actions">
        <button type="button" className="secondary" onClick={() => void disconnect()} data-testid="team-disconnect">
          {t('team_disconnect')}
        </button>
      </div>
    </div>
  );
}

function Supervisor({ connection, onError }: { connection: TeamConnection; onError: (m: string) => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [members, setMembers] = useState<Member[]>([]);
  const [round, setRound] = useState(0);
  const [progress, setProgress] = useState('');
  const [imported, setImported] = useState('');
  const opts = { baseUrl: connection.baseUrl, token: connection.token, fetch: pageFetch };
  const [listError, setListError] = useState<MessageKey | null>(null);
  // Read once per connection and after each revoke (not on every render: `t` is new each time).
  useEffect(() => {
    let live = true;
    listMembers({ baseUrl: connection.baseUrl, token: connection.token, fetch: pageFetch })
      .then((list) => {
        if (!live) return;
        setMembers(list);
        setListError(null);
      })
      .catch((err: unknown) => live && setListError(errorKey(err)));
    return () => {
      live = false;
    };
  }, [connection.baseUrl, connection.token, round]);
  const invite = async () => {
    try {
      setCode((await inviteAgent(opts)).code);
    } catch (err) {
      onError(t(errorKey(err)));
    }
  };
  const revoke = async (m: Member) => {
    try {
      await revokeMember(opts, m.id);
      setRound((r) => r + 1);
    } catch (err) {
      onError(t(errorKey(err)));
    }
  };
  const upload = async (file: File) => {
    setImported('');
    setProgress(t('team_import_reading', { rows: 0 }));
    try {
      const summary = await uploadExport(
        { ...opts, fetch: (url, init) => fetch(url, init as RequestInit) },
        file.name,
        file,
        (event) => {
          if (event.type === 'progress')
            setProgress(
              t(event.phase === 'read' ? 'team_import_reading' : 'team_import_merging', {
                rows: event.rows.toLocaleString(),
                buyers: event.buyers.toLocaleString(),
              }),
            );
        },
      );
      setImported(
        t('team_import_done', {
          orders: summary.orders.toLocaleString(),
          buyers: summary.buyersTouched.toLocaleString(),
          errors: summary.errors,
        }),
      );
    } catch (err) {
      setImported('');
      onError(err instanceof SyncTransportError && err.kind === 'server' ? err.message : t(errorKey(err)));
    } finally {
      setProgress('');
    }
  };
  return (
    <>
      <h3>{t('team_import_title')}</h3>
      <p className="ws-hint">{t('team_import_help')}</p>
      <input
        type="file"
        accept=".csv,.txt,text/csv"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void upload(f);
        }}
        data-testid="team-import-file"
        aria-label={t('team_import_title')}
      />
      {progress && (
        <p className="ws-hint" role="status" data-testid="team-import-progress">
          {progress}
        </p>
      )}
      {imported && (
        <p className="ok-text" role="status" data-testid="team-import-done">
          {imported}
        </p>
      )}
      <div className="ws-actions">
        <button type="button" className="primary" onClick={() => void invite()} data-testid="team-invite-agent">
          {t('team_invite')}
        </button>
        {code && (
          <code className="team-code" data-testid="team-invite-code">
            {code}
          </code>
        )}
      </div>
      {code && <p className="ws-hint">{t('team_invite_hint')}</p>}
      <h3>{t('team_members')}</h3>
      {listError && (
        <p className="warn-text" role="alert">
          {t(listError)}
        </p>
      )}
      <ul className="team-members">
        {members.map((m) => (
          <li key={m.id} data-testid="team-member-item" data-name={m.name} data-revoked={m.revoked ? 'true' : 'false'}>
            <strong>{m.name}</strong> · {t(m.role === 'supervisor' ? 'team_role_supervisor' : 'team_role_agent')} ·{' '}
            {m.revoked
              ? t('team_revoked')
              : m.lastSeenAt
                ? t('team_lastSeen', { time: new Date(m.lastSeenAt).toLocaleString() })
                : t('team_neverSeen')}
            {!m.revoked && m.id !== connection.member.id && (
              <button type="button" className="link danger" onClick={() => void revoke(m)} data-testid="team-revoke">
                {t('team_revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
