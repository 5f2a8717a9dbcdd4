import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followLive, httpTransport, MemorySyncStore, SyncEngine, type FetchLike, type LiveEvent } from '../../lib/sync';
import { BuyerLookupSchema } from '../../lib/schemas/sidebar-rpc';
import { concern, note, tag } from '../../lib/sync/fixtures.test-helper';
import { connectPostgres, type Sql } from '../db';
import { migrate } from '../migrate';
import { api, listen, newShop } from './helpers';
import { importAnswer } from './import-client';
import { startCluster, type Cluster } from './pg-cluster';

/**
 * The server on a real PostgreSQL (a throwaway cluster of Debian's postgresql), run as it is
 * deployed: two server instances on one database, as behind a load balancer.
 */
let cluster: Cluster;
let sqlA: Sql;
let sqlB: Sql;
let one: string;
let two: string;
const closers: (() => Promise<void>)[] = [];
let ids = 0;
const newChangeId = () => `p-${(++ids).toString(36).padStart(8, '0')}`;
const DAY = 86_400_000;

beforeAll(async () => {
  cluster = await startCluster();
  const url = cluster.createDatabase('htk_team');
  sqlA = connectPostgres(url);
  sqlB = connectPostgres(url);
  // Both instances migrate at start, at the same time: the lock lets one do it.
  await Promise.all([migrate(sqlA), migrate(sqlB)]);
  const limit = { hits: 10_000, seconds: 3600 };
  const a = await listen({ sql: sqlA, joinLimit: limit });
  const b = await listen({ sql: sqlB, joinLimit: limit });
  one = a.base;
  two = b.base;
  closers.push(
    () => a.app.close(),
    () => b.app.close(),
    () => sqlA.close(),
    () => sqlB.close(),
  );
}, 180_000);

afterAll(async () => {
  for (const c of closers) await c().catch(() => undefined);
  cluster?.stop();
});

function engineFor(base: string, token: string, now?: () => number) {
  const store = new MemorySyncStore();
  const transport = httpTransport({ baseUrl: base, token, fetch: fetch as unknown as FetchLike });
  return { store, engine: new SyncEngine({ transport, store, newChangeId, ...(now ? { now } : {}) }) };
}

/** Follow an instance's live stream, collecting events with the time they arrived. */
function follow(base: string, token: string) {
  const events: { at: number; event: LiveEvent }[] = [];
  const controller = new AbortController();
  const done = followLive(
    { baseUrl: base, token, fetch: fetch as unknown as FetchLike },
    (event) => events.push({ at: Date.now(), event }),
    controller.signal,
  ).catch((e: unknown) => e);
  return { events, stop: () => controller.abort(), done };
}

describe('two server instances on one PostgreSQL', () => {
  it('a concern saved through instance 1 reaches an agent following instance 2 within 2 s', async () => {
    const { addAgent } = await newShop(sqlA, one);
    const agentA = await addAgent('小王');
    const agentB = await addAgent('小李');
    const b = engineFor(two, agentB.token);
    const live = follow(two, agentB.token);
    live.events.length = 0;
    await expect.poll(() => live.events.some((e) => e.event.type === 'hello')).toBe(true);
    b.engine.onLive({ type: 'hello', head: 0 });

    const a = engineFor(one, agentA.token);
    const c = concern('msg-size-1', Date.now(), '小王');
    a.store.write('concern', c);
    await a.engine.noteChange('concern', c.id);
    const sent = Date.now();
    await a.engine.sync();
    await expect
      .poll(() => live.events.find((e) => e.event.type === 'change'), { timeout: 2000, interval: 20 })
      .toBeTruthy();
    const change = live.events.find((e) => e.event.type === 'change')!;
    b.engine.onLive(change.event);
    await expect.poll(() => b.store.live('concern').length, { timeout: 2000, interval: 20 }).toBe(1);
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(b.store.live('concern')[0]).toMatchObject({ quote: c.quote, concern: 'size' });
    live.stop();
  });

  it('a revocation through instance 1 is refused at once on instance 2, and its live stream is told', async () => {
    const { boss, addAgent } = await newShop(sqlA, one);
    const agent = await addAgent('小王');
    expect((await api(two, agent.token, 'GET', '/v1/me')).status).toBe(200);
    const live = follow(two, agent.token);
    await expect.poll(() => live.events.length).toBeGreaterThan(0);
    expect((await api(one, boss.token, 'POST', `/v1/members/${agent.member.id}/revoke`)).status).toBe(200);
    expect((await api(two, agent.token, 'GET', '/v1/me')).status).toBe(401);
    await expect.poll(() => live.events.map((e) => e.event.type)).toContain('revoked');
    await live.done;
  });

  it('agents pushing at once through both instances: every version pulled once, in order', async () => {
    const { boss, addAgent } = await newShop(sqlA, one);
    const agents = await Promise.all(['甲', '乙', '丙', '丁'].map((n) => addAgent(n)));
    const reader = engineFor(two, boss.token);
    const cursors: number[] = [];
    const writers = agents.map((ag, i) => engineFor(i % 2 ? two : one, ag.token));
    const rounds = 5;
    for (let r = 0; r < rounds; r++) {
      await Promise.all(
        writers.map(async (w, i) => {
          for (let k = 0; k < 10; k++) {
            const t = tag(`a${i}-r${r}-k${k}`, Date.now());
            w.store.write('tag', t);
            await w.engine.noteChange('tag', t.id);
          }
          await w.engine.sync();
        }),
      );
      // A reader pulling while others push never skips a version committed later.
      await reader.engine.sync();
      cursors.push(await reader.store.cursor());
    }
    await reader.engine.sync();
    expect(cursors).toEqual([...cursors].sort((x, y) => x - y));
    expect(reader.store.live('tag')).toHaveLength(agents.length * 10 * rounds);
    const page = (await api(one, boss.token, 'GET', '/v1/sync/pull?since=0')).json as { records: { seq: number }[] };
    expect(page.records.map((r) => r.seq)).toEqual(page.records.map((_, i) => i + 1));
  });

  it('joins are limited per address across instances', async () => {
    // Two more instances on a database of their own, 4 joins per address per hour.
    const url = cluster.createDatabase('htk_limit');
    const [s1, s2] = [connectPostgres(url, 2), connectPostgres(url, 2)];
    await migrate(s1);
    const limit = { hits: 4, seconds: 3600 };
    const [x, y] = [await listen({ sql: s1, joinLimit: limit }), await listen({ sql: s2, joinLimit: limit })];
    closers.push(
      () => x.app.close(),
      () => y.app.close(),
      () => s1.close(),
      () => s2.close(),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await api(i % 2 ? y.base : x.base, null, 'POST', '/v1/join', { code: 'AAAA-BBBB-CCCC-DDDD', name: 'x' }))
          .status,
      );
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
    const res = await fetch(`${x.base}/v1/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('offline first against the real server', () => {
  it('an agent offline for a day: tags and notes pushed on reconnect, nothing lost or doubled', async () => {
    const { addAgent } = await newShop(sqlA, one);
    const agent = await addAgent('小王');
    const other = await addAgent('小李');
    const clock = { now: Date.now() };
    let online = false;
    const store = new MemorySyncStore();
    const offline = async () => {
      throw new TypeError('fetch failed');
    };
    const flaky = httpTransport({
      baseUrl: one,
      token: agent.token,
      fetch: ((url: string, init: Parameters<FetchLike>[1]) =>
        online ? fetch(url, init) : offline()) as unknown as FetchLike,
    });
    const engine = new SyncEngine({ transport: flaky, store, newChangeId, now: () => clock.now });
    for (let h = 0; h < 8; h++) {
      clock.now += 3 * 3_600_000;
      const n = note(`off-${h}`, `离线 ${h}`, clock.now);
      store.write('note', n);
      await engine.noteChange('note', n.id);
      const t = tag(`离线${h}`, clock.now);
      store.write('tag', t);
      await engine.noteChange('tag', t.id);
      expect((await engine.sync()).status).toBe('offline');
    }
    clock.now += DAY;
    online = true;
    expect((await engine.sync()).status).toBe('idle');
    expect((await engine.sync()).pushed).toBe(0);
    const b = engineFor(two, other.token);
    await b.engine.sync();
    expect(
      b.store
        .live('note')
        .map((n) => n.id)
        .sort(),
    ).toEqual([...Array(8).keys()].map((h) => `off-${h}`).sort());
    expect(b.store.live('tag')).toHaveLength(8);
  });
});

describe('import and lookup on the real server', () => {
  it('a supervisor’s import is seen by agents of every instance; their concerns come back in the team export with their names', async () => {
    const { boss, addAgent } = await newShop(sqlA, one);
    const file = readFileSync('tests/fixtures/exports/ExportOrderList202510071230.csv');
    const res = await fetch(`${one}/v1/import?name=orders.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${boss.token}`, 'content-type': 'text/csv' },
      body: file,
    });
    expect((await importAnswer(res)).summary).toMatchObject({ status: 'done', orders: 6, buyersTouched: 3 });
    const wang = await addAgent('小王');
    const li = await addAgent('小李');
    const found = BuyerLookupSchema.parse(
      (await api(two, li.token, 'GET', '/v1/buyers/lookup?platform=taobao&nick=tb_xiaolin&asOf=2025-11-01')).json,
    );
    expect(found.buyer?.metrics.paidOrders).toBe(3);

    for (const [who, base, msg] of [
      [wang, one, 'm1'],
      [li, two, 'm2'],
    ] as const) {
      const e = engineFor(base, who.token);
      const c = {
        ...concern(msg, Date.parse('2025-10-20T04:00:00Z'), '客服'),
        buyerId: 'taobao:tb_xiaolin',
        nick: 'tb_xiaolin',
        id: `taobao:tb_xiaolin|${msg}|size`,
      };
      e.store.write('concern', c);
      await e.engine.noteChange('concern', c.id);
      await e.engine.sync();
    }
    const csv = await fetch(`${two}/v1/team/concerns?format=csv`, {
      headers: { authorization: `Bearer ${boss.token}` },
    });
    expect(csv.headers.get('x-huitouke-head')).toBe('2');
    const text = await csv.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines).toHaveLength(3);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[9])
        .sort(),
    ).toEqual(['小李', '小王']);
    const dash = (await api(one, boss.token, 'GET', '/v1/team/dashboard?asOf=2025-11-01')).json as {
      concerns: { byAgent: Record<string, number> };
      buyers: { total: number };
      current: { members: { name: string; lastSeenAt: number | null }[] };
    };
    expect(dash.concerns.byAgent).toEqual({ 小王: 1, 小李: 1 });
    expect(dash.buyers.total).toBe(3);
    expect(dash.current.members.find((m) => m.name === '小王')?.lastSeenAt).toBeGreaterThan(0);
  });
});
