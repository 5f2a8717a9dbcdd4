import { describe, expect, it } from 'vitest';
import { findAdapter, globMatch, matchesUrl, parseMatchPattern } from './url';

const rule = (...matches: string[]) => ({ matches });

describe('Chrome match patterns', () => {
  it('match scheme, host and path like Chrome', () => {
    expect(matchesUrl(rule('https://dongdong.jd.com/*'), 'https://dongdong.jd.com/')).toBe(true);
    expect(matchesUrl(rule('https://dongdong.jd.com/*'), 'http://dongdong.jd.com/')).toBe(false);
    expect(matchesUrl(rule('*://dongdong.jd.com/*'), 'http://dongdong.jd.com/x')).toBe(true);
    expect(matchesUrl(rule('*://dongdong.jd.com/*'), 'ftp://dongdong.jd.com/x')).toBe(false);
    expect(
      matchesUrl(rule('https://mms.pinduoduo.com/chat-merchant/*'), 'https://mms.pinduoduo.com/chat-merchant'),
    ).toBe(false);
    expect(
      matchesUrl(rule('https://mms.pinduoduo.com/chat-merchant/*'), 'https://mms.pinduoduo.com/orders/chat-merchant/'),
    ).toBe(false);
  });

  it('ignore the port, as Chrome does for a pattern without one', () => {
    expect(matchesUrl(rule('http://127.0.0.1/*'), 'http://127.0.0.1:5173/index.html')).toBe(true);
    expect(matchesUrl(rule('http://localhost/*'), 'http://localhost:4173/?input=contenteditable')).toBe(true);
  });

  it('treat *. as the host and any subdomain, and nothing that merely ends alike', () => {
    const sub = rule('https://*.shopee.sg/*');
    expect(matchesUrl(sub, 'https://shopee.sg/')).toBe(true);
    expect(matchesUrl(sub, 'https://seller.shopee.sg/webchat/')).toBe(true);
    expect(matchesUrl(sub, 'https://evilshopee.sg/')).toBe(false);
    expect(matchesUrl(rule('https://jd.com/*'), 'https://jd.com.evil.example/')).toBe(false);
  });

  it('match the path glob against path and query, not the fragment', () => {
    expect(matchesUrl(rule('https://a.example/chat*'), 'https://a.example/chat?x=1')).toBe(true);
    expect(matchesUrl(rule('https://a.example/*?id=*'), 'https://a.example/m?id=7')).toBe(true);
    expect(matchesUrl(rule('https://a.example/*?id=*'), 'https://a.example/m#?id=7')).toBe(false);
  });

  it('compare hosts without regard to case', () => {
    expect(matchesUrl(rule('https://IM.Jinritemai.com/*'), 'https://im.jinritemai.com/pc_seller_v2/')).toBe(true);
  });

  it('say which part of a bad pattern is wrong', () => {
    expect(parseMatchPattern('dongdong.jd.com/*')).toBe('syntax');
    expect(parseMatchPattern('file:///tmp/*')).toBe('scheme');
    expect(parseMatchPattern('<all_urls>')).toBe('syntax');
    expect(parseMatchPattern('https://shop.*.com/*')).toBe('host');
    expect(parseMatchPattern('https://a b.com/*')).toBe('host');
    expect(parseMatchPattern('http://localhost:8080/*')).toBe('port');
    expect(parseMatchPattern('https://jd.com')).toBe('path');
    expect(parseMatchPattern('https://*/*')).toMatchObject({ host: '', subdomains: true });
  });

  it('reject a URL that does not parse', () => {
    expect(matchesUrl(rule('https://*/*'), 'not a url')).toBe(false);
  });
});

describe('globMatch', () => {
  it('handles leading, inner and trailing stars without backtracking blow-ups', () => {
    expect(globMatch('/a*b*c', '/a-b-c')).toBe(true);
    expect(globMatch('/a*b*c', '/a-c-b')).toBe(false);
    expect(globMatch('*', '')).toBe(true);
    expect(globMatch('/ab*ab', '/ab')).toBe(false);
    expect(globMatch(`/${'*a'.repeat(40)}b`, `/${'a'.repeat(5000)}`)).toBe(false);
  });
});

describe('narrowing by path prefix and substring', () => {
  const qn = { matches: ['https://qn.taobao.com/*'], urlIncludes: ['app-customer-service'] };
  it('needs one of the substrings anywhere in the URL, hash included', () => {
    expect(matchesUrl(qn, 'https://qn.taobao.com/home.htm/app-customer-service/toolpage/Message')).toBe(true);
    expect(matchesUrl(qn, 'https://qn.taobao.com/home.htm#/app-customer-service')).toBe(true);
    expect(matchesUrl(qn, 'https://qn.taobao.com/home.htm/trade-platform/tp/sold')).toBe(false);
  });

  it('needs the path to start with one of the prefixes', () => {
    const r = { matches: ['https://a.example/*'], pathPrefixes: ['/im/'] };
    expect(matchesUrl(r, 'https://a.example/im/chat')).toBe(true);
    expect(matchesUrl(r, 'https://a.example/orders?to=/im/')).toBe(false);
  });
});

describe('findAdapter', () => {
  it('returns the first adapter whose rule matches, so earlier entries win', () => {
    const a = { id: 'custom', matches: ['https://dongdong.jd.com/*'] };
    const b = { id: 'jd', matches: ['https://dongdong.jd.com/*'] };
    expect(findAdapter('https://dongdong.jd.com/', [a, b])?.id).toBe('custom');
    expect(findAdapter('https://example.com/', [a, b])).toBeUndefined();
  });
});
