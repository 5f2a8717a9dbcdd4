/**
 * Chrome match patterns (`<scheme>://<host><path>`), evaluated without regular expressions so a
 * pattern typed into the custom-console form can never be slow to evaluate.
 * Differences from Chrome are deliberate: only http/https (and `*`) schemes, no `<all_urls>`,
 * and no port in the pattern (Chrome ignores the URL's port when the pattern has none).
 */

export interface MatchPattern {
  scheme: '*' | 'http' | 'https';
  /** Lower-case host without the `*.` prefix; `''` when the pattern's host is `*`. */
  host: string;
  /** `*.example.com`: the host and any of its subdomains. */
  subdomains: boolean;
  /** Path glob, `*` matching any run of characters; matched against path + query. */
  path: string;
}

export type PatternProblem = 'syntax' | 'scheme' | 'host' | 'port' | 'path';

const HOST_CHARS = /^[a-z0-9.-]+$/;

/** Parse a match pattern, or say which part of it is wrong. */
export function parseMatchPattern(pattern: string): MatchPattern | PatternProblem {
  const sep = pattern.indexOf('://');
  if (sep <= 0) return 'syntax';
  const scheme = pattern.slice(0, sep);
  if (scheme !== '*' && scheme !== 'http' && scheme !== 'https') return 'scheme';
  const rest = pattern.slice(sep + 3);
  const slash = rest.indexOf('/');
  if (slash < 0) return 'path';
  const rawHost = rest.slice(0, slash).toLowerCase();
  const path = rest.slice(slash);
  if (rawHost.includes(':')) return 'port';
  if (rawHost === '*') return { scheme, host: '', subdomains: true, path };
  const subdomains = rawHost.startsWith('*.');
  const host = subdomains ? rawHost.slice(2) : rawHost;
  if (
    !host ||
    host.includes('*') ||
    !HOST_CHARS.test(host) ||
    host.startsWith('.') ||
    host.endsWith('.') ||
    host.includes('..')
  ) {
    return 'host';
  }
  return { scheme, host, subdomains, path };
}

/** Glob match where `*` is the only wildcard; greedy-free, linear in practice. */
export function globMatch(glob: string, text: string): boolean {
  const parts = glob.split('*');
  const first = parts[0] ?? '';
  if (parts.length === 1) return text === first;
  if (!text.startsWith(first)) return false;
  const last = parts[parts.length - 1] ?? '';
  let pos = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] ?? '';
    const at = text.indexOf(part, pos);
    if (at < 0) return false;
    pos = at + part.length;
  }
  return text.length - last.length >= pos && text.endsWith(last);
}

function toUrl(url: string | URL): URL | null {
  if (typeof url !== 'string') return url;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function patternMatches(pattern: MatchPattern, url: URL): boolean {
  const scheme = url.protocol.slice(0, -1);
  if (pattern.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : scheme !== pattern.scheme) return false;
  const host = url.hostname.toLowerCase();
  if (pattern.host !== '') {
    const sameHost = host === pattern.host;
    if (!sameHost && !(pattern.subdomains && host.endsWith(`.${pattern.host}`))) return false;
  }
  return globMatch(pattern.path, url.pathname + url.search);
}

/** The URL part of an adapter: where its console lives. */
export interface UrlRule {
  matches: readonly string[];
  /** When given, the URL's path must start with one of these. */
  pathPrefixes?: readonly string[] | undefined;
  /** When given, the whole URL (hash routes included) must contain one of these plain substrings. */
  urlIncludes?: readonly string[] | undefined;
}

export function matchesUrl(rule: UrlRule, url: string | URL): boolean {
  const parsed = toUrl(url);
  if (!parsed) return false;
  const anyPattern = rule.matches.some((p) => {
    const pattern = parseMatchPattern(p);
    return typeof pattern !== 'string' && patternMatches(pattern, parsed);
  });
  if (!anyPattern) return false;
  if (rule.pathPrefixes?.length && !rule.pathPrefixes.some((prefix) => parsed.pathname.startsWith(prefix)))
    return false;
  if (rule.urlIncludes?.length && !rule.urlIncludes.some((s) => parsed.href.includes(s))) return false;
  return true;
}

/** The first adapter whose URL rule accepts `url`; list custom consoles first to let them take precedence. */
export function findAdapter<A extends UrlRule>(url: string | URL, adapters: readonly A[]): A | undefined {
  const parsed = toUrl(url);
  if (!parsed) return undefined;
  return adapters.find((adapter) => matchesUrl(adapter, parsed));
}
