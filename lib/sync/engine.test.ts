import { describe, expect, it } from 'vitest';
import { SyncEngine } from './engine';
import { MemorySyncServer } from './memory-server';
import { MemorySyncStore } from './memory-store';
import type { Role } from './protocol';
import { note, tag, template } from './fixtures.test-helper';

const DAY = 86_400_000;
let ids = 0;
const newChangeId = () => `chg-${(++ids).toString(36).padStart(8, '0')}`;

function browser(server: MemorySyncServer, memberId: string, clock: { now: number }, role: Role = 'agent') {
  const store = new MemorySyncStore();
  const engine = new SyncEngine({
    transport: server.transport(memberId, role),
    store,
    now: () => clock.now,
    newChangeId,
  });
  const write = async (
    kind: 'note' | 'tag' | 'template',
    record: { id: string } & Record<string, unknown>,
    fields?: string[],
  ) => {
    store.write(kind, record);
    await engine.noteChange(kind, record.id, fields ? { fields } : {});
  };
  return { store, engine, write };
}

describe('SyncEngine', () => {
  it('what one agent writes reaches another on its next sync', async () => {
    const server = new MemorySyncServer();
    const clock = { now: Date.now() };
    const a = browser(server, 'm-a', clock);
    const b = browser(server, 'm-b', clock);
    await a.write('note', note('n1', '要165的', clock.now));
    await a.write('tag', tag('老客', clock.now));
    expect(await a.engine.sync()).toMatchObject({ status: 'idle', pushed: 2 });
    const report = await b.engine.sync();
    expect(report).toMatchObject({ status: 'idle', pulled: 2 });
    expect(b.store.live('note').map((n) => n.text)).toEqual(['要165的']);
    expect(b.store.live('tag').map((t) => t.tag)).toEqual(['老客']);
  });

  it('a day offline: tags and notes made meanwhile are pushed on reconnect, nothing lost or doubled', async () => {
    const server = new MemorySyncServer();
    const clock = { now: Date.now() };
    const a = browser(server, 'm-a', clock);
    const b = browser(server, 'm-b', clock);
    await a.write('note', note('n0', 'before', clock.now));
    await a.engine.sync();

    server.failure = 'offline';
    for (let i = 1; i <= 5; i++) {
      clock.now += 3_600_000;
      await a.write('note', note(`n${i}`, `离线笔记 ${i}`, clock.now));
      await a.write('tag', tag(`标签${i}`, clock.now));
      // Each failed attempt leaves the outbox as it was.
      expect((await a.engine.sync()).status).toBe('offline');
    }
    // An edit and a deletion while offline too.
    await a.write('note', { ...note('n0', 'edited offline', clock.now) }, ['text']);
    a.store.write('tag', { ...tag('标签1', clock.now), deletedAt: clock.now });
    await a.engine.noteChange('tag', tag('标签1', 0).id, { delete: true });
    // 10 new records, the edit, and the deletion (its tag's entry was already tried, so it is its own change).
    expect((await a.store.outbox()).length).toBe(12);

    clock.now += DAY;
    server.failure = null;
    const report = await a.engine.sync();
    expect(report.status).toBe('idle');
    expect(await a.store.outbox()).toEqual([]);
    expect(server.count('note')).toBe(6);
    expect(server.count('tag')).toBe(4);
    expect(server.get('note', 'n0')?.text).toBe('edited offline');

    // Syncing again pushes nothing and changes nothing.
    const head = server.head;
    expect(await a.engine.sync()).toMatchObject({ pushed: 0 });
    expect(server.head).toBe(head);

    await b.engine.sync();
    expect(b.store.live('note')).toHaveLength(6);
    expect(
      b.store
        .live('tag')
        .map((t) => t.tag)
        .sort(),
    ).toEqual(['标签2', '标签3', '标签4', '标签5']);
  });

  it('a push whose answer was lost is pushed again with the same ids and applied once', async () => {
    const server = new MemorySyncServer();
    const clock = { now: Date.now() };
    const a = browser(server, 'm-a', clock);
    await a.write('note', note('n1', 'one', clock.now));
    server.loseNextAnswer = true;
    expect((await a.engine.sync()).status).toBe('offline');
    const headAfterFirst = server.head;
    expect(headAfterFirst).toBe(1);
    // A later edit to the same note while the first push is unanswered becomes its own change.
    clock.now += 1000;
    await a.write('note', note('n1', 'two', clock.now), ['text']);
    expect((await a.store.outbox()).map((e) => e.sent)).toEqual([true, false]);
    const pushes: string[][] = [];
    const transport = server.transport('m-a');
    const spy = new SyncEngine({
      transport: {
        push: async (req) => {
          pushes.push(req.changes.map((c) => c.changeId));
          return transport.push(req);
        },
        pull: transport.pull,
      },
      store: a.store,
      now: () => clock.now,
      newChangeId,
    });
    await spy.sync();
    const first = pushes[0]!;
    expect(first).toHaveLength(2);
    expect(server.head).toBe(2);
    expect(server.get('note', 'n1')?.text).toBe('two');
    expect(a.store.live('note').map((n) => n.text)).toEqual(['two']);
  });

  it('a pulled record keeps the fields the browser changed and has not pushed yet', async () => {
    const server = new MemorySyncServer();
    const clock = { now: Date.now() };
    const a = browser(server, 'm-a', clock);
    const b = browser(server, 'm-b', clock);
    await a.write('note', note('n1', 'x', clock.now));
    await a.engine.sync();
    await b.engine.sync();
    await a.write('note', { ...note('n1', 'x', clock.now), author: '小李' }, ['author']);
    await a.engine.sync();
    // B edits the text but is offline: its pull must not undo the edit.
    await b.write('note', { ...(await b.store.read('note', 'n1'))!, id: 'n1', text: 'B 的字' }, ['text']);
    await b.store.applyRemote(server.pull(0, 100).records);
    expect(await b.store.read('note', 'n1')).toMatchObject({ text: 'B 的字', author: '小李' });
    await b.engine.sync();
    expect(server.get('note', 'n1')).toMatchObject({ text: 'B 的字', author: '小李' });
  });

  it('a refused change puts back the server’s record (an agent’s template edit)', async () => {
    const server = new MemorySyncServer();
    const clock = { now: Date.now() };
    const boss = browser(server, 'm-s', clock, 'supervisor');
    const agent = browser(server, 'm-a', clock);
    const tpl = template(clock.now);
    await boss.write('template', tpl);
    await boss.engine.sync();
    await agent.engine.sync();
    await agent.write('template', { ...tpl, title: '我改的' }, ['title']);
    const report = await agent.engine.sync();
    expect(report.rejected.map((r) => r.reason)).toEqual(['forbidden']);
    expect((await agent.store.read('template', tpl.id))?.title).toBe(tpl.title);
    expect(server.get('template', tpl.id)?.title).toBe(tpl.title);
  });

  it('a partial change to a record the server never had is sent again whole', async () => {
    const server = new MemorySyncServer();
    const clock = { now: Date.now() };
    const a = browser(server, 'm-a', clock);
    // Made before this browser joined the team, then edited: the outbox names one field only.
    a.store.write('note', note('old', 'from before', clock.now));
    await a.engine.noteChange('note', 'old', { fields: ['text'] });
    const report = await a.engine.sync();
    expect(report.rejected).toEqual([]);
    expect(server.get('note', 'old')?.text).toBe('from before');
  });

  it('a refused token stops syncing and keeps the outbox', async () => {
    const server = new MemorySyncServer();
    const clock = { now: Date.now() };
    const statuses: string[] = [];
    const store = new MemorySyncStore();
    const engine = new SyncEngine({
      transport: server.transport('m-a'),
      store,
      now: () => clock.now,
      newChangeId,
      onStatus: (s) => statuses.push(s),
    });
    store.write('note', note('n1', 'x', clock.now));
    await engine.noteChange('note', 'n1');
    server.failure = 'unauthorized';
    expect((await engine.sync()).status).toBe('refused');
    expect(statuses).toEqual(['syncing', 'refused']);
    expect(await store.outbox()).toHaveLength(1);
  });

  it('a live change event pulls; concurrent sync calls share one run', async () => {
    const server = new MemorySyncServer();
    const clock = { now: Date.now() };
    const a = browser(server, 'm-a', clock);
    const b = browser(server, 'm-b', clock);
    await a.write('note', note('n1', 'live', clock.now));
    await a.engine.sync();
    b.engine.onLive({ type: 'change', head: server.head });
    await expect.poll(() => b.store.live('note').length).toBe(1);
    const [r1, r2] = await Promise.all([b.engine.sync(), b.engine.sync()]);
    expect(r1).toBe(r2);
  });
});
