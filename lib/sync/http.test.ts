import { describe, expect, it } from 'vitest';
import { SyncTransportError } from './engine';
import { httpTransport, SseParser, type FetchLike } from './http';

describe('SseParser', () => {
  it('reads events split anywhere, skips comments, bad data and unknown events', () => {
    const p = new SseParser();
    const text =
      ': ping\n\ndata: {"type":"hello","head":3}\n\ndata: not json\n\ndata: {"type":"nope"}\r\n\r\ndata: {"type":"change","head":4}\n\n';
    const out = [];
    for (let i = 0; i < text.length; i += 7) out.push(...p.feed(text.slice(i, i + 7)));
    expect(out).toEqual([
      { type: 'hello', head: 3 },
      { type: 'change', head: 4 },
    ]);
  });
});

describe('httpTransport', () => {
  const answer =
    (status: number, body: unknown): FetchLike =>
    async () => ({ ok: status < 400, status, json: async () => body });

  it('sends the token and parses the answer', async () => {
    let seen: { url: string; auth?: string } | null = null;
    const fetch: FetchLike = async (url, init) => {
      seen = { url, auth: init.headers.authorization };
      return { ok: true, status: 200, json: async () => ({ records: [], next: 7, more: false }) };
    };
    const t = httpTransport({ baseUrl: 'https://shop.example.com/htk', token: 'htk_x', fetch });
    expect(await t.pull(7, 1000)).toEqual({ records: [], next: 7, more: false });
    expect(seen).toEqual({ url: 'https://shop.example.com/htk/v1/sync/pull?since=7&limit=1000', auth: 'Bearer htk_x' });
  });

  it('a refused token, a server that is down and a network failure are told apart', async () => {
    const err = (fetch: FetchLike) =>
      httpTransport({ baseUrl: 'https://x', token: 't', fetch })
        .pull(0, 1)
        .catch((e: unknown) => e as SyncTransportError);
    expect(await err(answer(401, { error: 'unauthorized' }))).toMatchObject({ kind: 'unauthorized' });
    expect(await err(answer(503, null))).toMatchObject({ kind: 'offline', status: 503 });
    expect(await err(answer(429, { error: 'rateLimited' }))).toMatchObject({ kind: 'offline' });
    expect(await err(answer(400, { error: 'badRequest' }))).toMatchObject({ kind: 'server', message: 'badRequest' });
    expect(
      await err(async () => {
        throw new TypeError('fetch failed');
      }),
    ).toMatchObject({ kind: 'offline' });
  });
});
