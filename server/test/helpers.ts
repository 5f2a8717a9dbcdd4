import type { FastifyInstance } from 'fastify';
import { JoinResponseSchema, type JoinResponse, type Role } from '../../lib/sync/protocol';
import { createInvite, createShop } from '../accounts';
import { buildApp, type AppOptions } from '../app';
import type { Sql } from '../db';

/** A server instance listening on a loopback port, and its base URL. */
export async function listen(opts: AppOptions): Promise<{ app: FastifyInstance; base: string }> {
  const app = await buildApp(opts);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  return { app, base: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
}

export async function api(
  base: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, json };
}

/** A new shop, its supervisor's browser joined, and a way to add agents. */
export async function newShop(sql: Sql, base: string, name = '测试小店') {
  const shop = await createShop(sql, name);
  const code = (await createInvite(sql, shop.id, { role: 'supervisor', uses: 1, hours: 1 }, null)).code;
  const boss = await joinWith(base, code, '主管');
  const addAgent = async (agentName: string) => {
    const inv = await api(base, boss.token, 'POST', '/v1/invites', { role: 'agent' });
    return joinWith(base, (inv.json as { code: string }).code, agentName);
  };
  return { shop, boss, addAgent };
}

export async function joinWith(base: string, code: string, name: string, role?: Role): Promise<JoinResponse> {
  const res = await api(base, null, 'POST', '/v1/join', { code, name });
  if (res.status !== 200) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.json)}`);
  const out = JoinResponseSchema.parse(res.json);
  if (role && out.member.role !== role) throw new Error(`joined as ${out.member.role}`);
  return out;
}
