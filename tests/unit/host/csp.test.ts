// The renderer's <meta> policy is the header's (issue 8): the page in the repository carries the
// policy of a wall without a tile server, and both hosts write the current one into the page.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WALL_CSP, metaCsp, metaCspOf, tileOriginOf, wallCsp, withMetaCsp } from '../../../electron/contract/csp.js';

const indexHtml = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');

describe('the wall CSP', () => {
  it('connect-src is the wall’s own origin only: no ws:, wss: or other host', () => {
    expect(WALL_CSP).toContain("connect-src 'self';");
    expect(WALL_CSP).not.toMatch(/ws:|wss:|\*|https?:/u);
  });

  it('renderer/index.html carries exactly the header policy (less frame-ancestors, which a <meta> cannot hold)', () => {
    expect(metaCspOf(indexHtml)).toBe(metaCsp(WALL_CSP));
    expect(metaCsp(WALL_CSP)).not.toContain('frame-ancestors');
    expect(metaCsp(WALL_CSP).split('; ').length).toBe(WALL_CSP.split('; ').length - 1);
  });

  it('the served page gets the current policy, tile server included', () => {
    const policy = wallCsp({ tileOrigin: tileOriginOf('http://tiles.soc.lan:8080/{z}/{x}/{y}.png') });
    const served = withMetaCsp(indexHtml, policy);
    expect(metaCspOf(served)).toBe(metaCsp(policy));
    expect(metaCspOf(served)).toContain("img-src 'self' data: http://tiles.soc.lan:8080;");
    expect(served.replace(/content="[^"]*"/u, '')).toBe(indexHtml.replace(/content="[^"]*"/u, ''));
  });

  it('a tile URL cannot smuggle anything into the policy or its attribute', () => {
    for (const url of ['http://a"b/{z}.png', 'http://a;b/{z}.png', "http://a'b/x", 'http://user@tiles/x', 'javascript:alert(1)']) {
      expect(tileOriginOf(url), url).toBeNull();
    }
    expect(tileOriginOf('https://[fd00::1]:8443/{z}/{x}/{y}.png')).toBe('https://[fd00::1]:8443');
  });
});
