import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hostKind, hostNames, wsAccess, type AccessRules } from '../../../electron/core/host/host-access.js';
import { HostSecret, secretFromEnv } from '../../../electron/core/host/host-secret.js';

const PORT = 8417;
const req = (headers: Record<string, string>) => ({ headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) }) as unknown as IncomingMessage;
const url = (q = '') => new URL(`http://wall.invalid/api/ws${q}`);

describe('host names (421 for anything else)', () => {
  const names = hostNames(PORT, ['127.0.0.1', 'wall.soc.lan', 'proxy.soc.lan:443', '0.0.0.0', '::1']);
  it('answers to the loopback names with its port and to the configured names', () => {
    for (const h of ['127.0.0.1:8417', 'localhost:8417', '[::1]:8417', 'LocalHost:8417']) expect(hostKind(names, h), h).toBe('loopback');
    for (const h of ['wall.soc.lan', 'wall.soc.lan:8417', 'proxy.soc.lan:443']) expect(hostKind(names, h), h).toBe('configured');
    for (const h of [undefined, '', '127.0.0.1', 'localhost', '127.0.0.1:8418', 'proxy.soc.lan', '0.0.0.0:8417', 'evil.example:8417', '127.0.0.2:8417']) {
      expect(hostKind(names, h), String(h)).toBeNull();
    }
  });
});

describe('WebSocket rights', () => {
  const names = hostNames(PORT, ['wall.soc.lan']);
  const open: AccessRules = { names, token: null, controlToken: null };
  const own = { Host: '127.0.0.1:8417', Origin: 'http://127.0.0.1:8417' };
  it('own loopback page: read and command; no Origin or a configured name: read only; foreign: refused', () => {
    expect(wsAccess(open, req(own), url())).toEqual({ ok: true, control: true });
    expect(wsAccess(open, req({ Host: '127.0.0.1:8417' }), url())).toEqual({ ok: true, control: false });
    expect(wsAccess(open, req({ Host: 'wall.soc.lan', Origin: 'https://wall.soc.lan' }), url())).toEqual({ ok: true, control: false });
    expect(wsAccess(open, req({ ...own, 'X-Real-IP': '198.51.100.4' }), url())).toEqual({ ok: true, control: false });
    expect(wsAccess(open, req({ ...own, Forwarded: 'for=198.51.100.4' }), url())).toEqual({ ok: true, control: false });
    expect(wsAccess(open, req({ Host: '127.0.0.1:8417', Origin: 'http://evil.example' }), url())).toMatchObject({ ok: false, status: 403 });
    expect(wsAccess(open, req({ Host: 'evil.example', Origin: 'http://evil.example' }), url())).toMatchObject({ ok: false, status: 421 });
  });
  it('with a token: every reader presents it, and an own page does not command without the control token', () => {
    const token = new HostSecret('read-token-0123456789', 'token', 'socwall_token');
    const rules: AccessRules = { names, token, controlToken: null };
    expect(wsAccess(rules, req(own), url())).toMatchObject({ ok: false, status: 401 });
    expect(wsAccess(rules, req({ Host: '127.0.0.1:8417' }), url())).toMatchObject({ ok: false, status: 401 });
    expect(wsAccess(rules, req(own), url('?token=read-token-0123456789'))).toEqual({ ok: true, control: false });
    expect(wsAccess(rules, req({ ...own, Cookie: `a=b; socwall_token=${token.cookieValue}` }), url())).toEqual({ ok: true, control: false });
  });
});

describe('host secrets', () => {
  it('compares in constant time over hashes and never keeps the token in the cookie', () => {
    const s = new HostSecret('read-token-0123456789', 'token', 'socwall_token');
    expect(s.matches('read-token-0123456789')).toBe(true);
    for (const wrong of [null, undefined, '', 'read-token-012345678', 'read-token-01234567890', 'READ-TOKEN-0123456789']) expect(s.matches(wrong)).toBe(false);
    expect(s.cookieValue).not.toContain('read-token');
    expect(s.matchesCookie(s.cookieValue)).toBe(true);
    expect(s.matchesCookie('read-token-0123456789')).toBe(false);
  });
  it('refuses an empty, blank or short secret', () => {
    expect(() => new HostSecret('', 'token', 'c')).toThrow(/empty/u);
    expect(() => new HostSecret('    ', 'token', 'c')).toThrow(/empty/u);
    expect(() => new HostSecret('abc', 'token', 'c')).toThrow(/too short/u);
  });
  it('reads NAME or NAME_FILE, never both, and refuses empty values', () => {
    expect(secretFromEnv({}, 'SOCWALL_TOKEN')).toBeNull();
    expect(secretFromEnv({ SOCWALL_TOKEN: 'x'.repeat(20) }, 'SOCWALL_TOKEN')).toBe('x'.repeat(20));
    expect(() => secretFromEnv({ SOCWALL_TOKEN: '' }, 'SOCWALL_TOKEN')).toThrow(/empty/u);
    expect(() => secretFromEnv({ SOCWALL_TOKEN: 'a', SOCWALL_TOKEN_FILE: 'b' }, 'SOCWALL_TOKEN')).toThrow(/not both/u);
    expect(() => secretFromEnv({ SOCWALL_TOKEN_FILE: 'tests/fixtures/does-not-exist' }, 'SOCWALL_TOKEN')).toThrow(/ENOENT/u);
  });
});
