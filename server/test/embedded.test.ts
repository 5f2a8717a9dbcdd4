import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine, SyncTransportError, httpTransport, MemorySyncStore, type FetchLike } from '../../lib/sync';
import { BuyerLookupSchema } from '../../lib/schemas/sidebar-rpc';
import { note, tag, template } from '../../lib/sync/fixtures.test-helper';
import { createInvite } from '../accounts';
import { openPglite, type Sql } from '../db';
import { migrate, readMigrations } from '../migrate';
import { api, joinWith, listen, newShop } from './helpers';
import { importAnswer } from './import-client';

/**
 * The server on the embedded PostgreSQL (PGlite), as `npm run server` runs it without
 * DATABASE_URL: accounts, shop scoping, sync through the engine, the import and buyer lookup.
 * (Several instances, live push across them and the join limit: postgres.test.ts.)
 */
let sql: Sql;
let base: string;
let close: () => Promise<void>;
let ids = 0;
const newChangeId = () => `e-${(++ids).toString(36).padStart(8, '0')}`;

beforeAll(async () => {
  sql = await openPglite();
  await migrate(sql);
  const srv = await listen({ sql, joinLimit: { hits: 1000, seconds: 60 } });
  base = srv.base;
  close = async () => {
    await srv.app.close();
    await sql.close();
  };
}, 180_000);

afterAll(async () => close?.());

function engineFor(token: string, store = new MemorySyncStore()) {
  const transport = httpTransport({ baseUrl: base, token, fetch: fetch as unknown as FetchLike });
  return { store, engine: new SyncEngine({ transport, store, newChangeId }) };
}

describe('migrations', () => {
  it('apply once; running them again changes nothing; an edited migration stops the server', async () => {
    expect(await migrate(sql)).toEqual([]);
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(sql, edited)).rejects.toThrow(/changed after it was applied/);
  });
});

describe('accounts and trust', () => {
  it('a join code is single-use, expired or revoked codes are refused, and codes ignore case and dashes', async () => {
    const { shop, boss } = await newShop(sql, base);
    const inv = await api(base, boss.token, 'POST', '/v1/invites', { role: 'agent' });
    const code = (inv.json as { code: string }).code;
    const agent = await joinWith(base, code.toLowerCase().replace(/-/g, ' '), '小王');
    expect(agent.member.role).toBe('agent');
    expect(agent.shop.id).toBe(shop.id);
    expect((await api(base, null, 'POST', '/v1/join', { code, name: '小李' })).json).toEqual({ error: 'badJoinCode' });

    const expired = await createInvite(
      sql,
      shop.id,
      { role: 'agent', uses: 5, hours: 1 },
      null,
      Date.now() - 2 * 3_600_000,
    );
    expect((await api(base, null, 'POST', '/v1/join', { code: expired.code, name: 'x' })).status).toBe(400);

    const second = await api(base, boss.token, 'POST', '/v1/invites', { role: 'agent', uses: 3 });
    const { id, code: code2 } = second.json as { id: string; code: string };
    expect((await api(base, boss.token, 'POST', `/v1/invites/${id}/revoke`)).status).toBe(200);
    expect((await api(base, null, 'POST', '/v1/join', { code: code2, name: 'x' })).status).toBe(400);
  });

  it('an agent cannot invite, revoke, import, export or change the playbook', async () => {
    const { boss, addAgent } = await newShop(sql, base);
    const agent = await addAgent('小王');
    expect((await api(base, agent.token, 'POST', '/v1/invites', {})).status).toBe(403);
    expect((await api(base, agent.token, 'POST', `/v1/members/${boss.member.id}/revoke`)).status).toBe(403);
    expect((await api(base, agent.token, 'GET', '/v1/team/concerns')).status).toBe(403);
    expect((await api(base, agent.token, 'GET', '/v1/team/dashboard?asOf=2026-01-01')).status).toBe(403);
    const res = await fetch(`${base}/v1/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'text/csv' },
      body: 'a,b\n',
    });
    expect(res.status).toBe(403);
    const t = template(Date.now());
    const push = await api(base, agent.token, 'POST', '/v1/sync/push', {
      changes: [{ changeId: 'tpl-edit-1', kind: 'template', id: t.id, at: Date.now(), base: 0, op: 'put', patch: t }],
    });
    expect(push.json).toMatchObject({ results: [{ status: 'rejected', reason: 'forbidden' }] });
  });

  it('a token of shop A never reads or writes shop B', async () => {
    const a = await newShop(sql, base, 'A 店');
    const b = await newShop(sql, base, 'B 店');
    const n = note('same-id', 'A 的笔记', Date.now());
    await api(base, a.boss.token, 'POST', '/v1/sync/push', {
      changes: [{ changeId: 'scope-a-1', kind: 'note', id: n.id, at: n.updatedAt, base: 0, op: 'put', patch: n }],
    });
    // B writes a record with the same id: its own, A's stays as it was.
    await api(base, b.boss.token, 'POST', '/v1/sync/push', {
      changes: [
        {
          changeId: 'scope-b-1',
          kind: 'note',
          id: n.id,
          at: n.updatedAt,
          base: 0,
          op: 'put',
          patch: { ...n, text: 'B 的笔记' },
        },
      ],
    });
    const pullA = (await api(base, a.boss.token, 'GET', '/v1/sync/pull?since=0')).json as {
      records: { data: { text: string } }[];
    };
    const pullB = (await api(base, b.boss.token, 'GET', '/v1/sync/pull?since=0')).json as {
      records: { data: { text: string } }[];
    };
    expect(pullA.records.map((r) => r.data.text)).toEqual(['A 的笔记']);
    expect(pullB.records.map((r) => r.data.text)).toEqual(['B 的笔记']);
    // Members, invites and revocations stay in their shop too.
    const membersB = (await api(base, b.boss.token, 'GET', '/v1/members')).json as { members: { id: string }[] };
    expect(membersB.members.map((m) => m.id)).toEqual([b.boss.member.id]);
    expect((await api(base, b.boss.token, 'POST', `/v1/members/${a.boss.member.id}/revoke`)).status).toBe(404);
    expect((await api(base, a.boss.token, 'GET', '/v1/me')).status).toBe(200);
  });

  it('a revoked agent’s next request is refused, and its sync engine says so', async () => {
    const { boss, addAgent } = await newShop(sql, base);
    const agent = await addAgent('小王');
    const { store, engine } = engineFor(agent.token);
    store.write('tag', tag('老客', Date.now()));
    await engine.noteChange('tag', tag('老客', 0).id);
    expect((await engine.sync()).status).toBe('idle');
    expect((await api(base, boss.token, 'POST', `/v1/members/${agent.member.id}/revoke`)).status).toBe(200);
    expect((await api(base, agent.token, 'GET', '/v1/me')).status).toBe(401);
    expect((await api(base, agent.token, 'GET', '/v1/sync/pull')).status).toBe(401);
    expect((await engine.sync()).status).toBe('refused');
    const members = (await api(base, boss.token, 'GET', '/v1/members')).json as {
      members: { id: string; revoked: boolean }[];
    };
    expect(members.members.find((m) => m.id === agent.member.id)?.revoked).toBe(true);
  });

  it('an unknown or malformed token is refused', async () => {
    expect((await api(base, 'htk_nope', 'GET', '/v1/me')).status).toBe(401);
    expect((await api(base, null, 'GET', '/v1/me')).status).toBe(401);
  });
});

describe('sync through the server', () => {
  it('a push whose answer was lost, pushed again, is applied once', async () => {
    const { addAgent } = await newShop(sql, base);
    const agent = await addAgent('小王');
    const real = httpTransport({ baseUrl: base, token: agent.token, fetch: fetch as unknown as FetchLike });
    let lose = true;
    const store = new MemorySyncStore();
    const engine = new SyncEngine({
      transport: {
        push: async (req) => {
          const res = await real.push(req);
          if (lose) {
            lose = false;
            throw new SyncTransportError('offline', 'answer lost');
          }
          return res;
        },
        pull: real.pull,
      },
      store,
      newChangeId,
    });
    for (let i = 0; i < 3; i++) {
      store.write('note', note(`n${i}`, `笔记${i}`, Date.now()));
      await engine.noteChange('note', `n${i}`);
    }
    expect((await engine.sync()).status).toBe('offline');
    // Meanwhile another agent edits one of those notes: the re-push must not put the old text back.
    const other = engineFor((await addAgent('小李')).token);
    await other.engine.sync();
    other.store.write('note', { ...(await other.store.read('note', 'n0'))!, id: 'n0', text: '小李改过' });
    await other.engine.noteChange('note', 'n0', { fields: ['text'] });
    await other.engine.sync();
    const report = await engine.sync();
    expect(report.status).toBe('idle');
    const pulled = (await api(base, agent.token, 'GET', '/v1/sync/pull?since=0')).json as {
      records: { id: string; seq: number; data: { text: string } }[];
    };
    expect(pulled.records.map((r) => r.id)).toEqual(['n1', 'n2', 'n0']);
    expect(pulled.records.map((r) => r.seq)).toEqual([2, 3, 4]);
    expect(pulled.records.find((r) => r.id === 'n0')?.data.text).toBe('小李改过');
    expect(store.live('note').find((n) => n.id === 'n0')?.text).toBe('小李改过');
  });

  it('the supervisor’s playbook reaches agents; pulls page by cursor', async () => {
    const { boss, addAgent } = await newShop(sql, base);
    const b = engineFor(boss.token);
    const t = template(Date.now());
    b.store.write('template', t);
    await b.engine.noteChange('template', t.id);
    for (let i = 0; i < 1005; i++) {
      b.store.write('tag', tag(`t${i}`, Date.now()));
      await b.engine.noteChange('tag', tag(`t${i}`, 0).id);
    }
    expect(await b.engine.sync()).toMatchObject({ status: 'idle', pushed: 1006, rejected: [] });
    const agent = await addAgent('小王');
    const a = engineFor(agent.token);
    expect(await a.engine.sync()).toMatchObject({ status: 'idle', pulled: 1006, cursor: 1006 });
    expect(a.store.live('template').map((x) => x.title)).toEqual([t.title]);
  });
});

describe('import on the server, lookup from the sidebar', () => {
  it('an export imported once is looked up by any agent in the sidebar’s shape; importing it again doubles nothing', async () => {
    const { boss, addAgent } = await newShop(sql, base);
    const file = readFileSync('tests/fixtures/exports/ExportOrderList202510071230.csv');
    const upload = async () => {
      const res = await fetch(`${base}/v1/import?name=ExportOrderList202510071230.csv`, {
        method: 'POST',
        headers: { authorization: `Bearer ${boss.token}`, 'content-type': 'text/csv' },
        body: file,
      });
      const answer = await importAnswer(res);
      expect(answer.status).toBe(200);
      expect(answer.events[0]?.type).toBe('started');
      expect(answer.events.at(-1)?.type).toBe('done');
      return answer.summary;
    };
    expect(await upload()).toMatchObject({
      orders: 6,
      newOrders: 6,
      buyersTouched: 3,
      format: 'taobao_order',
      encoding: 'gb18030',
    });
    expect(await upload()).toMatchObject({ orders: 6, newOrders: 0 });
    const agent = await addAgent('小王');
    const q = (nick: string) => `/v1/buyers/lookup?platform=taobao&nick=${encodeURIComponent(nick)}&asOf=2025-11-01`;
    const found = BuyerLookupSchema.parse((await api(base, agent.token, 'GET', q('tb_xiaolin'))).json);
    expect(found.match).toEqual({ by: 'id', sameNick: 1 });
    expect(found.buyer).toMatchObject({ id: 'taobao:tb_xiaolin', nick: 'tb_xiaolin' });
    expect(found.buyer?.metrics).toMatchObject({ paidOrders: 3, allOrders: 3, netCents: 142600 });
    expect(found.profile).toMatchObject({ asOf: '2025-11-01', stage: { id: 'active' } });
    // Orders the agent's console taught: the answer names those this buyer's imports already count (not another buyer's).
    const taught = BuyerLookupSchema.parse(
      (await api(base, agent.token, 'GET', `${q('tb_xiaolin')}&orders=2900012345678901,2900012345678902,LIVE-1`)).json,
    );
    expect(taught.known).toEqual(['2900012345678901']);
    expect(found.known).toBeUndefined();
    expect(BuyerLookupSchema.parse((await api(base, agent.token, 'GET', q('没有这个人'))).json)).toEqual({
      buyer: null,
      profile: null,
      orders: [],
      match: null,
      anyData: true,
    });
    const model = (await api(base, agent.token, 'GET', '/v1/segment-model?asOf=2025-11-01')).json as { buyers: number };
    expect(model.buyers).toBe(2);
  });

  it('lookup follows the extension’s matching: the console’s buyer id, else the nick as key, else as display name', async () => {
    const { boss } = await newShop(sql, base);
    const file = readFileSync('tests/fixtures/exports/orders_export_1.csv');
    const res = await fetch(`${base}/v1/import?name=orders_export_1.csv&timeZone=Europe%2FBerlin`, {
      method: 'POST',
      headers: { authorization: `Bearer ${boss.token}`, 'content-type': 'text/csv' },
      body: file,
    });
    expect((await importAnswer(res)).summary).toMatchObject({ status: 'done', orders: 3 });
    const look = async (params: string) =>
      BuyerLookupSchema.parse(
        (await api(base, boss.token, 'GET', `/v1/buyers/lookup?platform=shopify&asOf=2025-11-01&${params}`)).json,
      ).buyer?.id ?? null;
    const key = 'shopify:anna.schmidt@example.com';
    expect(await look(`id=${encodeURIComponent('anna.schmidt@example.com')}&nick=x`)).toBe(key);
    expect(await look(`nick=${encodeURIComponent('anna.schmidt@example.com')}`)).toBe(key);
    expect(await look(`nick=${encodeURIComponent('Anna Schmidt')}`)).toBe(key);
    expect(await look('nick=Nobody')).toBeNull();
  });

  it('a file that is not an export is refused with where and why', async () => {
    const { boss } = await newShop(sql, base);
    const res = await fetch(`${base}/v1/import?name=notes.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${boss.token}`, 'content-type': 'text/csv' },
      body: '%PDF-1.4 not a table',
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: 'importFailed', message: expect.stringContaining('notes.csv') });
  });
});
