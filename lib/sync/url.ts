/**
 * Where a browser may reach the shop server. Over the internet only HTTPS: plain http carries the
 * token and the buyers' data in the clear. Plain http is allowed to this computer (loopback) and to
 * private network addresses (a server in the shop's own office network), written as an IP address
 * or `localhost` — a name could resolve anywhere, so only https is accepted for names.
 */
export type ServerUrlProblem = 'invalid' | 'notHttp' | 'insecure' | 'credentials' | 'queryOrFragment';

export type ServerUrlCheck =
  | {
      ok: true;
      /** `https://shop.example.com` — what the extension asks host permission for (`${origin}/*`). */
      origin: string;
      /** The origin and any path prefix, without a trailing slash; API paths go after it. */
      baseUrl: string;
    }
  | { ok: false; problem: ServerUrlProblem };

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

function privateV4([a, b]: number[]): boolean {
  if (a === undefined || b === undefined) return false;
  return (
    a === 127 || // loopback
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) // link-local
  );
}

/** The hextets of an IPv6 address as the URL parser writes it (compressed, lower case, no brackets). */
function ipv6(host: string): number[] | null {
  if (!host.includes(':')) return null;
  const [head = '', tail, extra] = host.split('::');
  if (extra !== undefined) return null;
  const parse = (s: string) =>
    s === '' ? [] : s.split(':').map((h) => (/^[0-9a-f]{1,4}$/.test(h) ? parseInt(h, 16) : NaN));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = 8 - left.length - right.length;
  if (tail === undefined ? fill !== 0 : fill < 1) return null;
  const all = [...left, ...new Array<number>(fill).fill(0), ...right];
  return all.some(Number.isNaN) ? null : all;
}

function privateV6(h: number[]): boolean {
  const first = h[0] ?? 0;
  if (h.slice(0, 7).every((x) => x === 0) && h[7] === 1) return true; // ::1
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  // ::ffff:a.b.c.d, an IPv4 address written as IPv6
  if (h.slice(0, 5).every((x) => x === 0) && h[5] === 0xffff) {
    const hi = h[6] ?? 0;
    const lo = h[7] ?? 0;
    return privateV4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  }
  return false;
}

/** Loopback or a private network address (an IP literal), or `localhost`. */
export function isLocalOrPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const v4 = ipv4(host);
  if (v4) return privateV4(v4);
  const v6 = ipv6(host);
  return v6 ? privateV6(v6) : false;
}

/** Check a server address a supervisor or agent typed. */
export function checkServerUrl(input: string): ServerUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'notHttp' };
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  if (url.search || url.hash) return { ok: false, problem: 'queryOrFragment' };
  if (url.protocol === 'http:' && !isLocalOrPrivateHost(url.hostname)) return { ok: false, problem: 'insecure' };
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, origin: url.origin, baseUrl: url.origin + path };
}
