import { browser } from 'wxt/browser';
import { db } from '@/lib/db/database';
import { DexieSyncStore, RestoredMeanwhile, syncRound, SyncDb } from '@/lib/db/sync-store';
import { consoleSource, TAUGHT_CONSOLES_KEY as CUSTOM_CONSOLES_KEY } from '@/lib/db/sync-sources';
import { BuyerLookupSchema, type BuyerLookup } from '@/lib/schemas/sidebar-rpc';
import {
  followLive,
  httpTransport,
  listMembers,
  readTeamConnection,
  SyncEngine,
  SyncTransportError,
  TEAM_CONNECTION_KEY,
  TEAM_MEMBERS_KEY,
  TEAM_STATUS_KEY,
  type TeamMembers,
  type FetchLike,
  type HttpTransportOptions,
  type LiveEvent,
  type TeamConnection,
  type TeamStatus,
} from '@/lib/sync';

/**
 * Team sync in the background (issue 21): while this browser is connected to a shop server
 * (options page, team section), every local change to a synced record is noted in the outbox
 * (IndexedDB, `lib/db/sync-store.ts`) and pushed, remote changes are pulled and applied, and the
 * live stream makes another agent's change arrive within a second or two. The service worker may
 * stop at any time: the outbox, cursor and shadows are in IndexedDB and the connection in
 * `storage.local`, and an alarm wakes it to sync and reopen the stream.
 *
 * Every step runs through one queue (scan, then sync), so a scan never sees a record between its
 * push and the pull of the version the push made.
 */

const ALARM = 'team-sync';
const MEMBERS_EVERY_MS = 5 * 60_000;
const MEMBERS_AFTER_PULL_MS = 10_000;
const META_KEY = 'connection';

const swFetch: FetchLike = (url, init) => fetch(url, init);

function randomChangeId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

class TeamRunner {
  readonly store: DexieSyncStore;
  readonly engine: SyncEngine;
  private readonly http: HttpTransportOptions;
  private dirty = false;
  private running: Promise<void> | null = null;
  private live: AbortController | null = null;
  private liveUp = false;
  private stopped = false;
  private lastSyncAt: number | null = null;
  private state: TeamStatus['state'] = 'connecting';

  constructor(
    readonly connection: TeamConnection,
    private readonly onRemoteChange: () => void,
    private readonly log: (m: string) => void,
  ) {
    this.http = { baseUrl: connection.baseUrl, token: connection.token, fetch: swFetch, timeoutMs: 20_000 };
    this.store = new DexieSyncStore(db(), syncDb());
    this.store.role = connection.member.role;
    this.store.memberId = connection.member.id;
    // Taught consoles live in storage.local (the content script and the console registration read them there).
    this.store.extra.console = consoleSource({
      read: async () => (await browser.storage.local.get(CUSTOM_CONSOLES_KEY))[CUSTOM_CONSOLES_KEY],
      write: (list) => browser.storage.local.set({ [CUSTOM_CONSOLES_KEY]: list }),
    });
    this.engine = new SyncEngine({
      transport: httpTransport(this.http),
      store: this.store,
      newChangeId: randomChangeId,
    });
  }

  get refused(): boolean {
    return this.state === 'refused';
  }

  async start(): Promise<void> {
    // A connection to another shop or as another member starts from nothing: what it shares is read anew.
    const meta = await this.store.sync.meta.get(META_KEY);
    const mine = `${this.connection.shop.id}|${this.connection.member.id}`;
    if (meta?.value !== mine) {
      await this.store.reset();
      await this.store.sync.meta.put({ key: META_KEY, value: mine });
    }
    const prior = await browser.storage.local.get(TEAM_STATUS_KEY);
    const status = prior[TEAM_STATUS_KEY] as Partial<TeamStatus> | undefined;
    if (status?.memberId === this.connection.member.id) {
      this.lastSyncAt = typeof status.lastSyncAt === 'number' ? status.lastSyncAt : null;
      if (status.state === 'refused') this.state = 'refused';
    }
    if (this.refused) return;
    this.poke();
    this.openLive();
  }

  stop(): void {
    this.stopped = true;
    this.live?.abort();
  }

  /** Note local changes and sync, now or right after the run in progress. */
  poke(): Promise<void> {
    this.dirty = true;
    if (!this.running && !this.stopped && !this.refused) {
      this.running = this.drain().finally(() => {
        this.running = null;
      });
    }
    return this.running ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    while (this.dirty && !this.stopped) {
      this.dirty = false;
      try {
        const report = await syncRound(this.store, this.engine, this.connection.member.role);
        if (report.pulled > 0) this.onRemoteChange();
        if (report.status === 'idle') {
          this.lastSyncAt = Date.now();
          this.state = 'online';
          await this.refreshMembers(report.pulled > 0);
        } else this.state = report.status === 'refused' ? 'refused' : 'offline';
      } catch (err) {
        // A restore came in during the round: the next round rebuilds.
        if (err instanceof RestoredMeanwhile) this.dirty = true;
        else {
          this.log(`team sync: ${err instanceof Error ? err.message : String(err)}`);
          this.state = 'offline';
        }
      }
      await this.writeStatus();
      if (this.refused) this.live?.abort();
    }
  }

  private membersAt = 0;

  /**
   * The shop's members (reminder owners' names, hand-over choices): after the first sync, then every
   * few minutes, and sooner when records came in (a member who joined since may own one).
   */
  private async refreshMembers(pulled: boolean): Promise<void> {
    const age = Date.now() - this.membersAt;
    if (age < (pulled ? MEMBERS_AFTER_PULL_MS : MEMBERS_EVERY_MS)) return;
    try {
      const members = await listMembers(this.http);
      this.membersAt = Date.now();
      if (this.stopped) return;
      const value: TeamMembers = { memberId: this.connection.member.id, members, fetchedAt: this.membersAt };
      await browser.storage.local.set({ [TEAM_MEMBERS_KEY]: value });
    } catch (err) {
      this.log(`team members: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async writeStatus(): Promise<void> {
    if (this.stopped) return;
    const status: TeamStatus = {
      memberId: this.connection.member.id,
      state: this.state,
      lastSyncAt: this.lastSyncAt,
      pending: await this.store.outboxSize(),
    };
    await browser.storage.local.set({ [TEAM_STATUS_KEY]: status });
  }

  /** Keep the live stream open, reopening it after a drop (the alarm also reopens it after a worker stop). */
  openLive(): void {
    if (this.liveUp || this.stopped || this.refused) return;
    this.liveUp = true;
    const controller = new AbortController();
    this.live = controller;
    void (async () => {
      let wait = 1000;
      while (!controller.signal.aborted && !this.stopped && !this.refused) {
        const opened = Date.now();
        try {
          await followLive(this.http, (event) => this.onLive(event), controller.signal);
        } catch (err) {
          if (err instanceof SyncTransportError && err.kind === 'unauthorized') {
            this.state = 'refused';
            await this.writeStatus();
            break;
          }
        }
        if (controller.signal.aborted) break;
        if (this.state === 'online') {
          this.state = 'offline';
          await this.writeStatus();
        }
        wait = Date.now() - opened > 30_000 ? 1000 : Math.min(wait * 2, 30_000);
        await new Promise((r) => setTimeout(r, wait));
      }
      this.liveUp = false;
    })();
  }

  private onLive(event: LiveEvent): void {
    if (event.type === 'revoked') {
      this.state = 'refused';
      this.engine.onLive(event);
      void this.writeStatus();
      this.live?.abort();
      return;
    }
    if (event.type === 'buyers') {
      serverLookups.clear();
      this.onRemoteChange();
      return;
    }
    // hello (the stream is back: push what waited) or change (another member wrote).
    void this.store.cursor().then((cursor) => {
      if (event.type === 'hello' || event.head > cursor) void this.poke();
    });
  }

  /** The shop server's answer for a buyer this browser has not imported (cached a few minutes). */
  async lookup(q: BuyerQuery): Promise<BuyerLookup | null> {
    if (this.refused) return null;
    const orders = (q.orders ?? []).slice(0, 50).join(',');
    const key = JSON.stringify([q.platform, q.id ?? '', q.nick, q.asOf, orders]);
    const hit = serverLookups.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const params = new URLSearchParams({
      platform: q.platform,
      nick: q.nick,
      asOf: q.asOf,
      ...(q.id ? { id: q.id } : {}),
      ...(orders ? { orders } : {}),
    });
    try {
      const res = await fetch(`${this.connection.baseUrl}/v1/buyers/lookup?${params.toString()}`, {
        headers: { authorization: `Bearer ${this.connection.token}` },
      });
      if (res.status === 401) {
        this.state = 'refused';
        await this.writeStatus();
        return null;
      }
      if (!res.ok) return null;
      const value = BuyerLookupSchema.parse(await res.json());
      serverLookups.set(key, { value, until: Date.now() + 5 * 60_000 });
      return value;
    } catch {
      return null;
    }
  }
}

/** A sidebar's buyer, asked of the shop server; `orders`: the order ids this browser's consoles taught for the buyer. */
export interface BuyerQuery {
  platform: string;
  id?: string | undefined;
  nick: string;
  asOf: string;
  orders?: readonly string[];
}

const serverLookups = new Map<string, { value: BuyerLookup; until: number }>();

let shared: SyncDb | undefined;
function syncDb(): SyncDb {
  shared ??= new SyncDb();
  return shared;
}

let runner: TeamRunner | null = null;
let starting: Promise<TeamRunner | null> | null = null;

async function ensureRunner(onRemoteChange: () => void, log: (m: string) => void): Promise<TeamRunner | null> {
  const connection = readTeamConnection(await browser.storage.local.get(TEAM_CONNECTION_KEY));
  if (runner && connection && runner.connection.token === connection.token) return runner;
  runner?.stop();
  runner = null;
  serverLookups.clear();
  if (!connection) {
    // Disconnected: forget the outbox, cursor and shadows (the records stay).
    await browser.alarms.clear(ALARM);
    await new DexieSyncStore(db(), syncDb()).reset();
    await browser.storage.local.remove([TEAM_STATUS_KEY, TEAM_MEMBERS_KEY]);
    return null;
  }
  // Wakes a stopped worker to sync and reopen the live stream (only while connected).
  if (!(await browser.alarms.get(ALARM))) await browser.alarms.create(ALARM, { periodInMinutes: 0.5 });
  runner = new TeamRunner(connection, onRemoteChange, log);
  await runner.start();
  return runner;
}

/**
 * The runner for the stored connection. Calls while one is being started share it, except
 * `reread`: the connection itself changed, so it is read again once the start in flight is done
 * (a start that read "not connected" a moment before the connection was stored must not be the
 * answer to the connection).
 */
function current(onRemoteChange: () => void, log: (m: string) => void, reread = false): Promise<TeamRunner | null> {
  if (starting && !reread) return starting;
  const before = starting ?? Promise.resolve(null);
  const next: Promise<TeamRunner | null> = before
    .catch(() => null)
    .then(() => ensureRunner(onRemoteChange, log))
    .finally(() => {
      if (starting === next) starting = null;
    });
  starting = next;
  return next;
}

export interface TeamSync {
  /** A local write happened (any context): note it and push. */
  changed(): void;
  /** The shop server's answer for a buyer this browser does not have, when connected. */
  lookupBuyer(q: BuyerQuery): Promise<BuyerLookup | null>;
}

/** Start team sync (listeners registered synchronously, at start-up). */
export function setupTeamSync(onRemoteChange: () => void, log: (m: string) => void): TeamSync {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (TEAM_CONNECTION_KEY in changes) void current(onRemoteChange, log, true);
    // A console taught (or removed) here: share it.
    else if (CUSTOM_CONSOLES_KEY in changes) void current(onRemoteChange, log).then((r) => r?.poke());
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== ALARM) return;
    void current(onRemoteChange, log).then((r) => {
      if (!r) return;
      r.openLive();
      return r.poke();
    });
  });
  void current(onRemoteChange, log);
  return {
    changed: () => {
      void current(onRemoteChange, log).then((r) => r?.poke());
    },
    lookupBuyer: async (q) => {
      const r = await current(onRemoteChange, log);
      return r ? r.lookup(q) : null;
    },
  };
}
