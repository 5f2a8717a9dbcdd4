import { describe, expect, it } from 'vitest';
import { checkServerUrl, isLocalOrPrivateHost } from './url';

describe('checkServerUrl', () => {
  it('takes https anywhere, with a path prefix', () => {
    expect(checkServerUrl('https://shop.example.com')).toEqual({
      ok: true,
      origin: 'https://shop.example.com',
      baseUrl: 'https://shop.example.com',
    });
    expect(checkServerUrl(' https://example.com:8443/huitouke/ ')).toEqual({
      ok: true,
      origin: 'https://example.com:8443',
      baseUrl: 'https://example.com:8443/huitouke',
    });
  });

  it('takes plain http only to loopback and private addresses', () => {
    for (const url of [
      'http://127.0.0.1:8080',
      'http://localhost:3000',
      'http://[::1]:8080',
      'http://192.168.1.20',
      'http://10.0.0.5',
      'http://172.20.1.1',
      'http://[fd12::1]',
      'http://[::ffff:192.168.0.2]',
    ])
      expect(checkServerUrl(url), url).toMatchObject({ ok: true });
    for (const url of [
      'http://shop.example.com',
      'http://8.8.8.8',
      'http://172.32.0.1',
      'http://192.169.0.1',
      'http://[2001:db8::1]',
      'http://[::ffff:8.8.8.8]',
      'http://shop.local',
    ])
      expect(checkServerUrl(url), url).toEqual({ ok: false, problem: 'insecure' });
  });

  it('says what else is wrong', () => {
    expect(checkServerUrl('not a url')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkServerUrl('ftp://10.0.0.1')).toEqual({ ok: false, problem: 'notHttp' });
    expect(checkServerUrl('https://user:pw@example.com')).toEqual({ ok: false, problem: 'credentials' });
    expect(checkServerUrl('https://example.com/?token=1')).toEqual({ ok: false, problem: 'queryOrFragment' });
  });

  it('reads addresses the way the URL parser normalises them', () => {
    // 2130706433 is 127.0.0.1 written as one number.
    expect(checkServerUrl('http://2130706433:9000')).toMatchObject({ ok: true, origin: 'http://127.0.0.1:9000' });
    expect(isLocalOrPrivateHost('LOCALHOST')).toBe(true);
    expect(isLocalOrPrivateHost('app.localhost')).toBe(true);
    expect(isLocalOrPrivateHost('127.0.0.1.example.com')).toBe(false);
  });
});
