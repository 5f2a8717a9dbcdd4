import { z } from 'zod';
import { SyncTransportError, type SyncTransport } from './engine';
import {
  ErrorBodySchema,
  ImportEventSchema,
  InviteCreatedSchema,
  JoinResponseSchema,
  LiveEventSchema,
  MemberSchema,
  PullResponseSchema,
  PushResponseSchema,
  type ImportEvent,
  type ImportSummary,
  type InviteCreated,
  type JoinResponse,
  type LiveEvent,
  type Member,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from './protocol';

/**
 * The sync transport over HTTP, for any `fetch` (the extension's background passes its own; lib/
 * has no network of its own). Paths are under the server's base URL (url.ts checks it).
 */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  body?: ReadableStream<Uint8Array> | null;
}>;

export interface HttpTransportOptions {
  baseUrl: string;
  token: string;
  fetch: FetchLike;
  /** Milliseconds before a request counts as offline. */
  timeoutMs?: number;
}

async function call<T>(
  opts: HttpTransportOptions,
  method: string,
  path: string,
  schema: z.ZodType<T>,
  body?: unknown,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 30_000);
  let res: Awaited<ReturnType<FetchLike>>;
  try {
    res = await opts.fetch(`${opts.baseUrl}${path}`, {
      method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: controller.signal,
    });
  } catch (err) {
    throw new SyncTransportError('offline', err instanceof Error ? err.message : String(err));
  } finally {
    clearTimeout(timer);
  }
  if (res.status === 401) throw new SyncTransportError('unauthorized', 'the server refused this browser’s token', 401);
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ErrorBodySchema.safeParse(json);
    throw new SyncTransportError(
      res.status >= 500 || res.status === 429 ? 'offline' : 'server',
      err.success ? err.data.error : `HTTP ${res.status}`,
      res.status,
    );
  }
  return schema.parse(json);
}

/**
 * The account calls of the team section: join with a code (no token yet), invite an agent, list
 * and revoke members. Errors are SyncTransportError; `message` is the server's error code
 * (`badJoinCode`, `rateLimited`, `forbidden`…) for the page to put in its own words.
 */
export async function joinShop(baseUrl: string, fetch: FetchLike, code: string, name: string): Promise<JoinResponse> {
  return call({ baseUrl, token: '', fetch }, 'POST', '/v1/join', JoinResponseSchema, { code, name });
}

export function inviteAgent(opts: HttpTransportOptions): Promise<InviteCreated> {
  return call(opts, 'POST', '/v1/invites', InviteCreatedSchema, { role: 'agent' });
}

export async function listMembers(opts: HttpTransportOptions): Promise<Member[]> {
  return (await call(opts, 'GET', '/v1/members', z.object({ members: z.array(MemberSchema) }))).members;
}

export async function revokeMember(opts: HttpTransportOptions, memberId: string): Promise<void> {
  await call(opts, 'POST', `/v1/members/${encodeURIComponent(memberId)}/revoke`, z.unknown(), {});
}

/**
 * Upload an order export to the shop server (supervisors): the body goes as it is; the answer's
 * progress lines go to `onEvent`. Resolves with the summary; throws SyncTransportError with the
 * server's message (the reader's, with file, line and column) when the file is refused.
 */
export async function uploadExport(
  opts: HttpTransportOptions & {
    fetch: (url: string, init: { method: string; headers: Record<string, string>; body: unknown }) => Promise<Response>;
  },
  name: string,
  body: unknown,
  onEvent: (event: ImportEvent) => void,
): Promise<ImportSummary> {
  let res: Response;
  try {
    res = await opts.fetch(`${opts.baseUrl}/v1/import?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/octet-stream' },
      body,
    });
  } catch (err) {
    throw new SyncTransportError('offline', err instanceof Error ? err.message : String(err));
  }
  if (res.status === 401) throw new SyncTransportError('unauthorized', 'the server refused this browser’s token', 401);
  if (!(res.headers.get('content-type') ?? '').includes('ndjson') || !res.body) {
    const err = ErrorBodySchema.safeParse(await res.json().catch(() => null));
    throw new SyncTransportError(
      'server',
      err.success ? (err.data.message ?? err.data.error) : `HTTP ${res.status}`,
      res.status,
    );
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let summary: ImportSummary | null = null;
  const take = (line: string) => {
    if (!line.trim()) return;
    const event = ImportEventSchema.parse(JSON.parse(line));
    onEvent(event);
    if (event.type === 'done') summary = event.summary;
    if (event.type === 'error') throw new SyncTransportError('server', event.message ?? event.error);
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      take(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  }
  take(buffer);
  if (!summary) throw new SyncTransportError('offline', 'the import’s answer ended early');
  return summary;
}

export function httpTransport(opts: HttpTransportOptions): SyncTransport {
  return {
    push: (request: PushRequest): Promise<PushResponse> =>
      call(opts, 'POST', '/v1/sync/push', PushResponseSchema, request),
    pull: (since: number, limit: number): Promise<PullResponse> =>
      call(opts, 'GET', `/v1/sync/pull?since=${since}&limit=${limit}`, PullResponseSchema),
  };
}

/**
 * Server-sent events as they arrive in pieces: feed text, get the complete events' data lines
 * parsed as live events (comments, unknown fields and bad data are skipped).
 */
export class SseParser {
  private buffer = '';
  feed(text: string): LiveEvent[] {
    this.buffer += text.replace(/\r\n?/g, '\n');
    const out: LiveEvent[] = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).replace(/^ /, ''))
        .join('\n');
      if (!data) continue;
      try {
        const parsed = LiveEventSchema.safeParse(JSON.parse(data));
        if (parsed.success) out.push(parsed.data);
      } catch {
        // not JSON: skip
      }
    }
    return out;
  }
}

/**
 * Follow the live stream until `signal` aborts or the stream ends; each event goes to `onEvent`.
 * Throws SyncTransportError like the transport (a refused token: `unauthorized`).
 */
export async function followLive(
  opts: HttpTransportOptions,
  onEvent: (event: LiveEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  let res: Awaited<ReturnType<FetchLike>>;
  try {
    res = await opts.fetch(`${opts.baseUrl}/v1/live`, {
      method: 'GET',
      headers: { authorization: `Bearer ${opts.token}`, accept: 'text/event-stream' },
      signal,
    });
  } catch (err) {
    if (signal.aborted) return;
    throw new SyncTransportError('offline', err instanceof Error ? err.message : String(err));
  }
  if (res.status === 401) throw new SyncTransportError('unauthorized', 'the server refused this browser’s token', 401);
  if (!res.ok || !res.body) throw new SyncTransportError('offline', `HTTP ${res.status}`, res.status);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (const event of parser.feed(decoder.decode(value, { stream: true }))) onEvent(event);
    }
  } catch (err) {
    if (signal.aborted) return;
    throw new SyncTransportError('offline', err instanceof Error ? err.message : String(err));
  } finally {
    reader.releaseLock();
  }
}
