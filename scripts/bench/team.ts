// `npm run bench:team`: the shop server under a team's load, on a real PostgreSQL.
//
// A throwaway PostgreSQL cluster (Debian's postgresql, as the tests use) and the server as its own
// Node process (DATABASE_URL), so its CPU and memory are its own. Then:
//   1. the supervisor uploads the 1M-order bench export (scripts/bench/lib/exports.ts) through
//      POST /v1/import: time, rows/s, the server's peak RSS;
//   2. 50 agents join (each a Node client on the lib/sync engine, an in-memory store and the live
//      stream) and work for --seconds: each switches conversation every ~4 s (a buyer lookup of a
//      random imported buyer) and about every other switch tags the buyer, every fourth saves a
//      concern and every fifth writes a note — pushed at once, as the extension will;
//      sync latency = from the writer's push to each other agent having the record (live push, then pull);
//   3. PostgreSQL's size;
//   4. a fresh server process imports the 5M-row export into a fresh database: time, rows/s and its
//      peak RSS (VmHWM), which shows the import's memory is bounded.
// Options: --agents N (50) --orders N (1,000,000) --import-rows N (5,000,000; 0 skips) --seconds N (120).
// Prints tables and writes bench-results/team.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ROOT } from '../browser';
import { benchExport, BENCH_AS_OF } from './lib/exports';
import { percentile, round, table } from './lib/stats';
import {
  followLive,
  httpTransport,
  MemorySyncStore,
  SyncEngine,
  type FetchLike,
  type ServerRecord,
} from '../../lib/sync';
import { JoinResponseSchema } from '../../lib/sync/protocol';
import { connectPostgres } from '../../server/db';
import { importAnswer } from '../../server/test/import-client';
import { freePort, startCluster } from '../../server/test/pg-cluster';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '50' },
    orders: { type: 'string', default: '1000000' },
    'import-rows': { type: 'string', default: '5000000' },
    seconds: { type: 'string', default: '120' },
  },
});
const AGENTS = Number(values.agents);
const ORDERS = Number(values.orders);
const IMPORT_ROWS = Number(values['import-rows']);
const SECONDS = Number(values.seconds);
const log = (line: string) => console.log(`[bench:team] ${line}`);

// ---- the server process ------------------------------------------------------------------------

const TICKS = 100;
function procStat(pid: number): { cpuSeconds: number; rssMb: number; peakMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return {
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS,
    rssMb: kb('VmRSS') / 1024,
    peakMb: kb('VmHWM') / 1024,
  };
}

interface Server {
  proc: ChildProcess;
  base: string;
  code: string;
  stop(): Promise<void>;
}

async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort('');
  // node --import tsx: one process (the `tsx` command would add a parent process).
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'server', 'main.ts'),
      '--port',
      String(port),
      '--new-supervisor-code',
      '--join-limit',
      '10000',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const l = out.split('\n').find((x) => x.startsWith('huitouke server '));
      if (l) resolve(l);
    });
    proc.once('exit', (c) => reject(new Error(`server exited (${c}): ${out}`)));
  });
  const code = /join-code=(\S+)/.exec(line)?.[1];
  if (!code) throw new Error(`no join code in: ${line}`);
  return {
    proc,
    base: `http://127.0.0.1:${port}`,
    code,
    stop: () =>
      new Promise((r) => {
        proc.once('exit', () => r());
        proc.kill('SIGTERM');
      }),
  };
}

async function call<T>(base: string, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function joinAs(base: string, code: string, name: string) {
  return JoinResponseSchema.parse(await call(base, null, 'POST', '/v1/join', { code, name }));
}

/** Upload an export as a stream; samples the server's memory meanwhile. */
async function upload(server: Server, token: string, path: string, name: string) {
  const started = Date.now();
  const cpu0 = procStat(server.proc.pid!).cpuSeconds;
  const res = await fetch(`${server.base}/v1/import?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit);
  const answer = await importAnswer(res);
  const summary = answer.summary;
  if (!summary) throw new Error(`import failed: ${res.status} ${JSON.stringify(answer.body)}`);
  const seconds = (Date.now() - started) / 1000;
  const p = procStat(server.proc.pid!);
  return { summary, seconds, cpuSeconds: p.cpuSeconds - cpu0, peakRssMb: p.peakMb };
}

// ---- agents --------------------------------------------------------------------------------------

/** A MemorySyncStore that notes when each record first arrived from the server. */
class TimedStore extends MemorySyncStore {
  readonly arrived = new Map<string, number>();
  override async applyRemote(records: readonly ServerRecord[]): Promise<void> {
    const now = performance.now();
    for (const r of records) if (!this.arrived.has(`${r.kind}:${r.id}`)) this.arrived.set(`${r.kind}:${r.id}`, now);
    return super.applyRemote(records);
  }
}

let changeIds = 0;
const newChangeId = () => `bench-${(++changeIds).toString(36).padStart(10, '0')}`;

async function main(): Promise<void> {
  log(
    `machine: ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const small = benchExport(ORDERS, log);
  const big = IMPORT_ROWS > 0 ? benchExport(IMPORT_ROWS, log) : null;

  log('starting a throwaway PostgreSQL cluster');
  const cluster = await startCluster();
  const results: Record<string, unknown> = { agents: AGENTS, orders: ORDERS, seconds: SECONDS, load: loadavg() };
  try {
    const url = cluster.createDatabase('bench_team');
    const server = await startServer(url);
    const boss = await joinAs(server.base, server.code, '主管');
    log(`importing ${ORDERS.toLocaleString('en')} orders through the server`);
    const imp = await upload(server, boss.token, small.path, 'bench.csv');
    log(`import: ${imp.seconds.toFixed(1)} s, ${JSON.stringify(imp.summary)}`);
    results.import1 = imp;

    const db = connectPostgres(url, 2);
    const nicks = (
      await db.query<{ buyer_key: string }>('SELECT buyer_key FROM buyers ORDER BY random() LIMIT 20000')
    ).rows.map((r) => r.buyer_key);

    log(`${AGENTS} agents join and follow the live stream`);
    const agents = [];
    for (let i = 0; i < AGENTS; i++) {
      const inv = await call<{ code: string }>(server.base, boss.token, 'POST', '/v1/invites', { role: 'agent' });
      const me = await joinAs(server.base, inv.code, `客服${i + 1}`);
      const store = new TimedStore();
      const transport = httpTransport({ baseUrl: server.base, token: me.token, fetch: fetch as unknown as FetchLike });
      const engine = new SyncEngine({ transport, store, newChangeId });
      const controller = new AbortController();
      void followLive(
        { baseUrl: server.base, token: me.token, fetch: fetch as unknown as FetchLike },
        (e) => engine.onLive(e),
        controller.signal,
      ).catch(() => undefined);
      await engine.sync();
      agents.push({ name: me.member.name, token: me.token, store, engine, controller });
    }

    const writes: { key: string; writer: number; at: number }[] = [];
    const lookupMs: number[] = [];
    const pushMs: number[] = [];
    const cpu0 = procStat(server.proc.pid!);
    const t0 = Date.now();
    const end = t0 + SECONDS * 1000;
    let counter = 0;
    log(`working for ${SECONDS} s`);
    await Promise.all(
      agents.map(async (a, i) => {
        let n = 0;
        // Spread the agents' first switches over the first interval.
        await new Promise((r) => setTimeout(r, Math.random() * 4000));
        while (Date.now() < end) {
          n += 1;
          const nick = nicks[Math.floor(Math.random() * nicks.length)]!;
          const l0 = performance.now();
          await call(
            server.base,
            a.token,
            'GET',
            `/v1/buyers/lookup?platform=taobao&nick=${encodeURIComponent(nick)}&asOf=${BENCH_AS_OF}`,
          );
          lookupMs.push(performance.now() - l0);
          const buyerId = `taobao:${nick}`;
          const now = Date.now();
          const made: { kind: 'tag' | 'note' | 'concern'; record: { id: string } & Record<string, unknown> }[] = [];
          if (n % 2 === 0)
            made.push({
              kind: 'tag',
              record: { id: `${buyerId}|老客${n % 7}`, buyerId, tag: `老客${n % 7}`, author: a.name, updatedAt: now },
            });
          if (n % 4 === 0) {
            const messageId = `m${i}-${n}`;
            made.push({
              kind: 'concern',
              record: {
                id: `${buyerId}|${messageId}|size`,
                buyerId,
                nick,
                platform: 'taobao',
                console: 'qianniu',
                conversationId: nick,
                messageId,
                concern: 'size',
                quote: '我165穿什么码',
                at: now,
                date: BENCH_AS_OF,
                agent: a.name,
                source: 'agent',
                resolved: false,
                updatedAt: now,
              },
            });
          }
          if (n % 5 === 0)
            made.push({
              kind: 'note',
              record: {
                id: `note-${i}-${n}-${++counter}`,
                buyerId,
                text: '要发顺丰',
                author: a.name,
                createdAt: now,
                updatedAt: now,
              },
            });
          if (made.length) {
            for (const m of made) {
              a.store.write(m.kind, m.record);
              await a.engine.noteChange(m.kind, m.record.id);
            }
            const p0 = performance.now();
            for (const m of made) writes.push({ key: `${m.kind}:${m.record.id}`, writer: i, at: p0 });
            await a.engine.sync();
            pushMs.push(performance.now() - p0);
          }
          await new Promise((r) => setTimeout(r, 3000 + Math.random() * 2000));
        }
      }),
    );
    const elapsed = (Date.now() - t0) / 1000;
    const cpu1 = procStat(server.proc.pid!);
    // Let the last pushes arrive everywhere.
    await new Promise((r) => setTimeout(r, 3000));
    const latency: number[] = [];
    let missing = 0;
    for (const w of writes) {
      agents.forEach((a, j) => {
        if (j === w.writer) return;
        const got = a.store.arrived.get(w.key);
        if (got === undefined) missing += 1;
        else latency.push(got - w.at);
      });
    }
    const size = (
      await db.query<{ db: number; records: number; orders: number; buyers: number }>(
        "SELECT pg_database_size(current_database()) AS db, pg_total_relation_size('records') AS records, pg_total_relation_size('orders') AS orders, pg_total_relation_size('buyers') AS buyers",
      )
    ).rows[0]!;
    const counts = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM records')).rows[0]!;
    results.work = {
      seconds: elapsed,
      lookups: lookupMs.length,
      writes: writes.length,
      pushes: pushMs.length,
      lookupP50: percentile(lookupMs, 50),
      lookupP95: percentile(lookupMs, 95),
      pushP50: percentile(pushMs, 50),
      pushP95: percentile(pushMs, 95),
      syncP50: percentile(latency, 50),
      syncP95: percentile(latency, 95),
      syncMax: percentile(latency, 100),
      deliveries: latency.length,
      missing,
      serverCpuPercent: ((cpu1.cpuSeconds - cpu0.cpuSeconds) / elapsed) * 100,
      serverRssMb: cpu1.rssMb,
      serverPeakMb: cpu1.peakMb,
    };
    results.postgres = {
      databaseMb: size.db / 2 ** 20,
      ordersMb: size.orders / 2 ** 20,
      buyersMb: size.buyers / 2 ** 20,
      recordsMb: size.records / 2 ** 20,
      records: counts.n,
    };
    for (const a of agents) a.controller.abort();
    await db.close();
    await server.stop();

    console.log(
      `\nTeam: ${AGENTS} agents, ${ORDERS.toLocaleString('en')} imported orders, ${round(elapsed, 0)} s of work`,
    );
    const w = results.work as Record<string, number>;
    console.log(
      table([
        ['figure', 'value'],
        ['lookups (conversation switches)', w.lookups!],
        ['records written (tags, concerns, notes)', w.writes!],
        ['buyer lookup p50 / p95 (ms)', `${round(w.lookupP50!)} / ${round(w.lookupP95!)}`],
        ['push round trip p50 / p95 (ms)', `${round(w.pushP50!)} / ${round(w.pushP95!)}`],
        [
          'sync latency, writer → each other agent, p50 / p95 / max (ms)',
          `${round(w.syncP50!)} / ${round(w.syncP95!)} / ${round(w.syncMax!)}`,
        ],
        ['deliveries measured / missing', `${w.deliveries} / ${w.missing}`],
        ['server CPU while working (% of one core)', round(w.serverCpuPercent!)],
        ['server RSS now / peak (MB)', `${round(w.serverRssMb!, 0)} / ${round(w.serverPeakMb!, 0)}`],
      ]),
    );
    const pgs = results.postgres as Record<string, number>;
    console.log(
      table([
        ['PostgreSQL', 'MB'],
        ['database', round(pgs.databaseMb!, 0)],
        ['orders (table + indexes)', round(pgs.ordersMb!, 0)],
        ['buyers', round(pgs.buyersMb!, 0)],
        [`synced records (${pgs.records})`, round(pgs.recordsMb!, 1)],
      ]),
    );
    console.log(
      table([
        ['import through the server', 'rows', 'seconds', 'rows/s', 'server CPU s', 'server peak RSS MB'],
        [
          `${ORDERS.toLocaleString('en')} orders`,
          imp.summary.rows,
          round(imp.seconds, 1),
          Math.round(imp.summary.rows / imp.seconds),
          round(imp.cpuSeconds, 1),
          round(imp.peakRssMb, 0),
        ],
      ]),
    );

    if (big) {
      log(`importing ${IMPORT_ROWS.toLocaleString('en')} rows into a fresh database with a fresh server process`);
      const url2 = cluster.createDatabase('bench_import');
      const s2 = await startServer(url2);
      const boss2 = await joinAs(s2.base, s2.code, '主管');
      const before = procStat(s2.proc.pid!).peakMb;
      const imp2 = await upload(s2, boss2.token, big.path, 'bench-big.csv');
      const db2 = connectPostgres(url2, 1);
      const size2 = (await db2.query<{ db: number }>('SELECT pg_database_size(current_database()) AS db')).rows[0]!;
      await db2.close();
      await s2.stop();
      results.import5 = { ...imp2, rssBeforeMb: before, databaseMb: size2.db / 2 ** 20 };
      console.log(
        table([
          [
            'import through the server',
            'rows',
            'seconds',
            'rows/s',
            'server CPU s',
            'peak RSS before / after (MB)',
            'database MB',
          ],
          [
            `${IMPORT_ROWS.toLocaleString('en')} orders`,
            imp2.summary.rows,
            round(imp2.seconds, 1),
            Math.round(imp2.summary.rows / imp2.seconds),
            round(imp2.cpuSeconds, 1),
            `${round(before, 0)} / ${round(imp2.peakRssMb, 0)}`,
            round(size2.db / 2 ** 20, 0),
          ],
        ]),
      );
    }
  } finally {
    cluster.stop();
  }
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'team.json'), JSON.stringify(results, null, 2));
  log('wrote bench-results/team.json');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
