import type { ServerResponse } from 'node:http';
import type { LiveEvent } from '../lib/sync/protocol';
import type { Sql } from './db';

/**
 * Live push. A push's transaction sends NOTIFY htk_change {shop, head}; PostgreSQL delivers it at
 * commit to every server instance's LISTEN connection, and each instance writes it to its own open
 * event streams of that shop (server-sent events). A revocation (htk_revoked) ends that member's
 * streams, an import (htk_buyers) tells the shop's browsers to look their open buyer up again.
 * The streams are this instance's open sockets — nothing another instance needs.
 */
interface Stream {
  shopId: string;
  memberId: string;
  res: ServerResponse;
}

export class LiveHub {
  private readonly streams = new Set<Stream>();
  private stops: (() => Promise<void>)[] = [];
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly heartbeatMs = 25_000,
  ) {}

  async start(): Promise<void> {
    this.stops.push(
      await this.sql.listen('htk_change', (p) =>
        this.onNotify(p, (m) => ({ type: 'change', head: Number(m.head) || 0 })),
      ),
    );
    this.stops.push(
      await this.sql.listen('htk_buyers', (p) =>
        this.onNotify(p, (m) => ({ type: 'buyers', version: Number(m.version) || 0 })),
      ),
    );
    this.stops.push(
      await this.sql.listen('htk_revoked', (p) => {
        const m = parse(p);
        if (!m) return;
        for (const s of [...this.streams]) {
          if (s.shopId === m.shop && s.memberId === m.member) {
            write(s.res, { type: 'revoked' });
            this.close(s);
          }
        }
      }),
    );
    this.heartbeat = setInterval(() => {
      for (const s of this.streams) s.res.write(': ping\n\n');
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private onNotify(payload: string, toEvent: (m: Record<string, unknown>) => LiveEvent): void {
    const m = parse(payload);
    if (!m) return;
    const event = toEvent(m);
    for (const s of this.streams) if (s.shopId === m.shop) write(s.res, event);
  }

  /** Keep `res` open as an event stream of this member's shop, starting with `hello`. */
  open(res: ServerResponse, shopId: string, memberId: string, head: number): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Reverse proxies (nginx) would otherwise hold events back.
      'x-accel-buffering': 'no',
    });
    const stream: Stream = { shopId, memberId, res };
    this.streams.add(stream);
    write(res, { type: 'hello', head });
    res.on('close', () => this.streams.delete(stream));
  }

  private close(s: Stream): void {
    this.streams.delete(s);
    s.res.end();
  }

  get size(): number {
    return this.streams.size;
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const s of [...this.streams]) this.close(s);
    for (const stop of this.stops) await stop().catch(() => undefined);
    this.stops = [];
  }
}

function parse(payload: string): Record<string, unknown> | null {
  try {
    const m = JSON.parse(payload) as unknown;
    return m && typeof m === 'object' ? (m as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function write(res: ServerResponse, event: LiveEvent): void {
  res.write(`data: ${JSON.stringify(event)}\n\n`);
}
