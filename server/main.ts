import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createInvite, defaultShop, hasSupervisor } from './accounts';
import { buildApp } from './app';
import { connectPostgres, openPglite, type Sql } from './db';
import { migrate } from './migrate';

/**
 * `npm run server` — the shop server.
 *
 *   npm run server                              embedded PostgreSQL in .huitouke-server/, port 8787
 *   npm run server -- --port N --data DIR       another port and data folder
 *   DATABASE_URL=postgres://… npm run server    a real PostgreSQL (15+); any number of instances
 *   npm run server -- --new-supervisor-code     also print a new supervisor join code
 *   npm run server -- --cert cert.pem --key key.pem   HTTPS with the server's own certificate
 *
 * Prints `huitouke server http://127.0.0.1:N join-code=<code>` once listening. A supervisor join
 * code is printed while the shop has no supervisor yet (or with --new-supervisor-code); after that,
 * supervisors invite agents (and other supervisors) from the options page.
 */
const HELP = `usage: npm run server -- [--port N] [--host ADDRESS] [--data DIR] [--cert FILE --key FILE] [--trust-proxy] [--join-limit N] [--new-supervisor-code]
  --join-limit   join attempts per client address per 10 minutes (default 10)
  DATABASE_URL   a PostgreSQL 15+ to use instead of the embedded one in --data`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.huitouke-server' },
      cert: { type: 'string' },
      key: { type: 'string' },
      'trust-proxy': { type: 'boolean', default: false },
      'join-limit': { type: 'string', default: '10' },
      'new-supervisor-code': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: expected a port number, got ${values.port}`);
  if (!!values.cert !== !!values.key) throw new Error('--cert and --key go together');
  const joinHits = Number(values['join-limit']);
  if (!Number.isInteger(joinHits) || joinHits < 1)
    throw new Error(`--join-limit: expected a positive number, got ${values['join-limit']}`);

  const url = process.env.DATABASE_URL;
  const sql: Sql = url ? connectPostgres(url) : await openPglite(resolve(values.data));
  await migrate(sql);
  const shop = await defaultShop(sql);
  const needsSupervisor = !(await hasSupervisor(sql, shop.id));
  const invite =
    needsSupervisor || values['new-supervisor-code']
      ? await createInvite(sql, shop.id, { role: 'supervisor', uses: 1, hours: 24 * 7 }, null)
      : null;

  const https =
    values.cert && values.key ? { cert: readFileSync(values.cert), key: readFileSync(values.key) } : undefined;
  const app = await buildApp({
    sql,
    trustProxy: values['trust-proxy'],
    joinLimit: { hits: joinHits, seconds: 600 },
    ...(https ? { https } : {}),
  });
  await app.listen({ port, host: values.host });
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const shownHost =
    values.host === '0.0.0.0' || values.host === '::'
      ? '127.0.0.1'
      : values.host.includes(':')
        ? `[${values.host}]`
        : values.host;
  const origin = `${https ? 'https' : 'http'}://${shownHost}:${boundPort}`;
  console.log(`huitouke server ${origin}${invite ? ` join-code=${invite.code}` : ''}`);
  console.log(
    `  database: ${url ? 'PostgreSQL (DATABASE_URL)' : `embedded, ${resolve(values.data)}`}; shop: ${shop.name}`,
  );
  if (invite)
    console.log(
      `  the join code above makes its first user the shop's supervisor; it expires ${new Date(invite.expiresAt).toISOString()}`,
    );
  else
    console.log(
      '  the shop has a supervisor: agents join with codes the supervisor makes; for a new supervisor code, restart with --new-supervisor-code',
    );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close().catch(() => undefined);
    await sql.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(`huitouke server: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
