import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FORMAT_IDS, ImportError, formatIssue } from '../lib/import';
import { LocalDateSchema, PlatformSchema } from '../lib/schemas/common';
import {
  InviteRequestSchema,
  JoinRequestSchema,
  MAX_PULL_RECORDS,
  PushRequestSchema,
  type ErrorCode,
  type ImportEvent,
  type InviteCreated,
  type JoinResponse,
  type MeResponse,
} from '../lib/sync/protocol';
import {
  authenticate,
  createInvite,
  join,
  listInvites,
  listMembers,
  rateLimit,
  revokeInvite,
  revokeMember,
  type Auth,
} from './accounts';
import { lookupBuyer, segmentModel } from './buyers';
import type { Sql } from './db';
import { ImportBusyError, importExport } from './import';
import { LiveHub } from './live';
import { head, pull, push } from './sync';
import { concernExport, dashboard, freshness } from './team';

/**
 * The shop server's HTTP API (Fastify). Stateless: every request reads what it needs from
 * PostgreSQL (its token too), so any number of instances can serve one database. The only thing
 * an instance holds is its open live streams.
 */
export interface AppOptions {
  sql: Sql;
  /** Join attempts per client address per window (default 10 per 10 minutes). */
  joinLimit?: { hits: number; seconds: number };
  /** Trust X-Forwarded-For from a reverse proxy in front (for the join limit's address). */
  trustProxy?: boolean;
  https?: { cert: Buffer; key: Buffer };
  liveHeartbeatMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    live: LiveHub;
  }
}

function fail(reply: FastifyReply, status: number, error: ErrorCode, message?: string) {
  return reply.code(status).send({ error, ...(message ? { message } : {}) });
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { sql } = opts;
  const joinLimit = opts.joinLimit ?? { hits: 10, seconds: 600 };
  const app = Fastify({
    logger: false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 8 * 1024 * 1024,
    ...(opts.https ? { https: opts.https } : {}),
  }) as unknown as FastifyInstance;
  const live = new LiveHub(sql, opts.liveHeartbeatMs);
  await live.start();
  app.decorate('live', live);
  // Before the server waits for in-flight requests: an open event stream never ends by itself, so close() would wait for ever.
  app.addHook('preClose', async () => live.stop());

  // An order export arrives as a raw byte stream and is read as it comes.
  app.addContentTypeParser(['text/csv', 'application/octet-stream', 'text/plain'], (_req, payload, done) =>
    done(null, payload),
  );

  app.setErrorHandler((err, _req, reply) => {
    const e = err as { statusCode?: number; message?: string };
    if (e.statusCode === 413) return fail(reply, 413, 'tooLarge');
    if (e.statusCode && e.statusCode < 500) return fail(reply, e.statusCode, 'badRequest', e.message);
    console.error('[huitouke server]', err);
    return fail(reply, 500, 'internal');
  });

  async function auth(req: FastifyRequest, reply: FastifyReply, role?: 'supervisor'): Promise<Auth | null> {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const who = token ? await authenticate(sql, token) : null;
    if (!who) {
      await fail(reply, 401, 'unauthorized');
      return null;
    }
    if (role === 'supervisor' && who.member.role !== 'supervisor') {
      await fail(reply, 403, 'forbidden');
      return null;
    }
    return who;
  }

  function parse<T>(schema: z.ZodType<T>, value: unknown, reply: FastifyReply): T | null {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    const issue = r.error.issues[0];
    void fail(
      reply,
      400,
      'badRequest',
      issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'bad request',
    );
    return null;
  }

  app.get('/healthz', async () => ({ ok: true }));

  app.post('/v1/join', async (req, reply) => {
    const wait = await rateLimit(sql, `join:${req.ip}`, joinLimit.hits, joinLimit.seconds);
    if (wait > 0) return reply.header('retry-after', String(wait)).code(429).send({ error: 'rateLimited' });
    const body = parse(JoinRequestSchema, req.body, reply);
    if (!body) return reply;
    const out = await join(sql, body.code, body.name);
    if (!out.ok) return fail(reply, 400, 'badJoinCode');
    const res: JoinResponse = { token: out.token, member: out.member, shop: out.shop };
    return res;
  });

  app.get('/v1/me', async (req, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    const res: MeResponse = { member: who.member, shop: who.shop, head: await head(sql, who.shop.id) };
    return res;
  });

  app.get('/v1/members', async (req, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    return { members: await listMembers(sql, who.shop.id) };
  });

  app.post<{ Params: { id: string } }>('/v1/members/:id/revoke', async (req, reply) => {
    const who = await auth(req, reply, 'supervisor');
    if (!who) return reply;
    if (!(await revokeMember(sql, who.shop.id, req.params.id))) return fail(reply, 404, 'notFound');
    return { ok: true };
  });

  app.post('/v1/invites', async (req, reply) => {
    const who = await auth(req, reply, 'supervisor');
    if (!who) return reply;
    const body = parse(InviteRequestSchema, req.body ?? {}, reply);
    if (!body) return reply;
    const inv = await createInvite(sql, who.shop.id, body, who.member.id);
    const res: InviteCreated = {
      id: inv.id,
      code: inv.code,
      role: inv.role,
      usesLeft: inv.usesLeft,
      expiresAt: inv.expiresAt,
      revoked: false,
      createdBy: who.member.id,
    };
    return res;
  });

  app.get('/v1/invites', async (req, reply) => {
    const who = await auth(req, reply, 'supervisor');
    if (!who) return reply;
    return { invites: await listInvites(sql, who.shop.id) };
  });

  app.post<{ Params: { id: string } }>('/v1/invites/:id/revoke', async (req, reply) => {
    const who = await auth(req, reply, 'supervisor');
    if (!who) return reply;
    if (!(await revokeInvite(sql, who.shop.id, req.params.id))) return fail(reply, 404, 'notFound');
    return { ok: true };
  });

  app.post('/v1/sync/push', async (req, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    const body = parse(PushRequestSchema, req.body, reply);
    if (!body) return reply;
    return push(sql, who.shop.id, who.member, body.changes);
  });

  const PullQuery = z.object({
    since: z.coerce.number().int().nonnegative().default(0),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_RECORDS).default(MAX_PULL_RECORDS),
  });
  app.get('/v1/sync/pull', async (req, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    const q = parse(PullQuery, req.query, reply);
    if (!q) return reply;
    return pull(sql, who.shop.id, q.since, q.limit);
  });

  app.get('/v1/live', async (req, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    const seq = await head(sql, who.shop.id);
    reply.hijack();
    live.open(reply.raw, who.shop.id, who.member.id, seq);
  });

  const ImportQuery = z.object({
    name: z.string().min(1).max(255).default('orders.csv'),
    format: z.enum(['auto', ...FORMAT_IDS] as [string, ...string[]]).default('auto'),
    platform: PlatformSchema.optional(),
    timeZone: z.string().min(1).max(60).optional(),
  });
  app.post('/v1/import', async (req, reply) => {
    const who = await auth(req, reply, 'supervisor');
    if (!who) return reply;
    const q = parse(ImportQuery, req.query, reply);
    if (!q) return reply;
    const body = req.body as IncomingMessage | undefined;
    if (!body || typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function')
      return fail(
        reply,
        400,
        'badRequest',
        'send the export as the request body (text/csv or application/octet-stream)',
      );
    const size = Number(req.headers['content-length']);
    // Once the run is registered, the answer is a stream of progress lines (see ImportEventSchema).
    let streaming = false;
    let lastProgress = 0;
    const line = (event: ImportEvent) => reply.raw.write(`${JSON.stringify(event)}\n`);
    try {
      const summary = await importExport(
        sql,
        who.shop.id,
        who.member.id,
        body as AsyncIterable<Uint8Array>,
        {
          name: q.name,
          format: q.format as never,
          timeZone: q.timeZone ?? who.shop.timeZone,
          ...(q.platform ? { platform: q.platform } : {}),
          ...(Number.isFinite(size) ? { size } : {}),
        },
        {
          onStarted: (runId) => {
            reply.hijack();
            reply.raw.writeHead(200, {
              'content-type': 'application/x-ndjson; charset=utf-8',
              'cache-control': 'no-cache',
              'x-accel-buffering': 'no',
            });
            streaming = true;
            line({ type: 'started', runId });
          },
          onProgress: (phase, s) => {
            if (Date.now() - lastProgress < 1000) return;
            lastProgress = Date.now();
            line({ type: 'progress', phase, rows: s.rows, buyers: s.buyersTouched });
          },
        },
      );
      line({ type: 'done', summary });
      reply.raw.end();
    } catch (err) {
      if (err instanceof ImportBusyError) return fail(reply, 409, 'importFailed', err.message);
      const message =
        err instanceof ImportError ? formatIssue(err.issue, 'zh-CN') : err instanceof Error ? err.message : String(err);
      if (!streaming) {
        if (err instanceof ImportError) return fail(reply, 422, 'importFailed', message);
        throw err;
      }
      if (!(err instanceof ImportError)) console.error('[huitouke server] import failed', err);
      line({ type: 'error', error: 'importFailed', message });
      reply.raw.end();
    }
  });

  app.get('/v1/imports', async (req, reply) => {
    const who = await auth(req, reply, 'supervisor');
    if (!who) return reply;
    const { rows } = await sql.query<{
      id: string;
      status: string;
      files: unknown;
      summary: unknown;
      started_at: Date;
      finished_at: Date | null;
    }>(
      'SELECT id, status, files, summary, started_at, finished_at FROM import_runs WHERE shop_id = $1 ORDER BY started_at DESC LIMIT 50',
      [who.shop.id],
    );
    return {
      runs: rows.map((r) => ({
        id: r.id,
        status: r.status,
        files: r.files,
        summary: r.summary,
        startedAt: r.started_at.getTime(),
        finishedAt: r.finished_at?.getTime() ?? null,
      })),
    };
  });

  // orders: the order ids the agent's console taught, comma-separated; the answer says which it counts.
  const LookupQuery = z.object({
    platform: PlatformSchema,
    id: z.string().max(300).optional(),
    nick: z.string().max(300),
    asOf: LocalDateSchema,
    orders: z
      .string()
      .max(50 * 301)
      .optional(),
  });
  app.get('/v1/buyers/lookup', async (req, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    const q = parse(LookupQuery, req.query, reply);
    if (!q) return reply;
    return lookupBuyer(
      sql,
      who.shop.id,
      q.platform,
      q.id || null,
      q.nick,
      q.asOf,
      (q.orders ?? '').split(',').filter(Boolean).slice(0, 50),
    );
  });

  const AsOfQuery = z.object({ asOf: LocalDateSchema });
  app.get('/v1/segment-model', async (req, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    const q = parse(AsOfQuery, req.query, reply);
    if (!q) return reply;
    return segmentModel(sql, who.shop.id, q.asOf);
  });

  const ExportQuery = z.object({
    format: z.enum(['csv', 'json']).default('csv'),
    from: LocalDateSchema.optional(),
    to: LocalDateSchema.optional(),
    lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
  });
  app.get('/v1/team/concerns', async (req, reply) => {
    const who = await auth(req, reply, 'supervisor');
    if (!who) return reply;
    const q = parse(ExportQuery, req.query, reply);
    if (!q) return reply;
    const fresh = await freshness(sql, who.shop.id);
    const filter = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
    const { Readable } = await import('node:stream');
    return reply
      .header('content-type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="team-concerns.${q.format}"`)
      .header('x-huitouke-head', String(fresh.head))
      .header('x-huitouke-last-change', fresh.lastChangeAt === null ? '' : new Date(fresh.lastChangeAt).toISOString())
      .send(Readable.from(concernExport(sql, who.shop.id, who.shop.timeZone, q.format, filter, q.lang)));
  });

  app.get('/v1/team/dashboard', async (req, reply) => {
    const who = await auth(req, reply, 'supervisor');
    if (!who) return reply;
    const q = parse(AsOfQuery, req.query, reply);
    if (!q) return reply;
    return dashboard(sql, who.shop.id, q.asOf);
  });

  app.get('/v1/team/status', async (req, reply) => {
    const who = await auth(req, reply, 'supervisor');
    if (!who) return reply;
    return freshness(sql, who.shop.id);
  });

  return app;
}
