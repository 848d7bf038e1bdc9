import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WALL_CSP } from '../../../electron/contract/csp.js';
import { contentTypeOf, CRASHED_URL, resolveInside, routeAppRequest, wallPageUrl } from '../../../electron/shell/app-routes.js';

const root = path.resolve('/srv/wall/dist/renderer');
const routes = { rendererDir: root, resourcesDir: path.resolve('/srv/wall/resources') };

describe('resolveInside', () => {
  it('resolves ordinary paths inside the root', () => {
    expect(resolveInside(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, '/assets/app-1a2b.js')).toBe(path.join(root, 'assets', 'app-1a2b.js'));
    expect(resolveInside(root, '/assets/./x.css')).toBe(path.join(root, 'assets', 'x.css'));
    expect(resolveInside(root, '/fonts/be%20vietnam.woff2')).toBe(path.join(root, 'fonts', 'be vietnam.woff2'));
  });

  it('serves index.html for the root', () => {
    expect(resolveInside(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, '')).toBe(path.join(root, 'index.html'));
  });

  it.each([
    '/../secret',
    '/assets/../../etc/passwd',
    '/..',
    '/%2e%2e/secret',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/assets/%2e%2e%2f%2e%2e%2fetc/passwd',
    '/..%2fsecret',
    '/..%5csecret',
    '/assets\\..\\..\\secret',
    '/%00index.html',
    '/index.html%00.js',
    '/C:/Windows/win.ini',
    '/%E0%A4%A',
  ])('rejects %s', (p) => {
    expect(resolveInside(root, p)).toBeNull();
  });

  it('does not decode twice (%252e%252e stays a literal name inside the root)', () => {
    const file = resolveInside(root, '/%252e%252e/x');
    expect(file).toBe(path.join(root, '%2e%2e', 'x'));
  });

  it('does not accept a sibling directory sharing the prefix', () => {
    // URL paths cannot produce it, but the prefix check must use a separator.
    expect(resolveInside(root, '/../renderer-evil/x')).toBeNull();
  });
});

describe('routeAppRequest', () => {
  it('routes app://wall/ to the renderer and the crashed page to resources', () => {
    expect(routeAppRequest('app://wall/index.html?screen=2', routes)).toBe(path.join(root, 'index.html'));
    expect(routeAppRequest(CRASHED_URL, routes)).toBe(path.join(routes.resourcesDir, 'crashed.html'));
  });

  it('rejects other hosts, schemes and escapes', () => {
    expect(routeAppRequest('app://evil/index.html', routes)).toBeNull();
    expect(routeAppRequest('file:///etc/passwd', routes)).toBeNull();
    expect(routeAppRequest('not a url', routes)).toBeNull();
  });

  it('keeps dot segments the URL parser collapsed inside the renderer', () => {
    // WHATWG URL removes (encoded) dot segments at the root, as Chromium does before the handler runs.
    expect(routeAppRequest('app://wall/%2e%2e/%2e%2e/resources/crashed.html', routes)).toBe(path.join(root, 'resources', 'crashed.html'));
    expect(routeAppRequest('not a url', routes)).toBeNull();
  });

  it('builds the page URL of a screen', () => {
    expect(wallPageUrl('main')).toBe('app://wall/index.html?screen=main');
    expect(wallPageUrl('top-left', ['top-right', 'bottom-right'])).toBe('app://wall/index.html?screen=top-left&merge=top-right,bottom-right');
    expect(wallPageUrl('a b', ['c&d'])).toBe('app://wall/index.html?screen=a%20b&merge=c%26d');
    expect(routeAppRequest(wallPageUrl('top-left', ['top-right']), routes)).toBe(path.join(root, 'index.html'));
  });
});

describe('contentTypeOf', () => {
  it('gives module scripts a JavaScript type (Chromium refuses others)', () => {
    expect(contentTypeOf('/a/app.js')).toMatch(/^text\/javascript/);
    expect(contentTypeOf('/a/index.HTML')).toMatch(/^text\/html/);
    expect(contentTypeOf('/a/f.woff2')).toBe('font/woff2');
    expect(contentTypeOf('/a/blob')).toBe('application/octet-stream');
  });
});

describe('WALL_CSP', () => {
  it('is strict: no unsafe-*, no remote origin, frame-ancestors none', () => {
    expect(WALL_CSP).not.toMatch(/unsafe-|https?:|\*/);
    expect(WALL_CSP).toContain("default-src 'none'");
    expect(WALL_CSP).toContain("script-src 'self'");
    expect(WALL_CSP).toContain("frame-ancestors 'none'");
    expect(WALL_CSP).toContain("object-src 'none'");
  });
});

describe('wallCsp with a tile server', () => {
  it('allows images from exactly that origin and nothing else remote', async () => {
    const { wallCsp, tileOriginOf } = await import('../../../electron/contract/csp.js');
    const origin = tileOriginOf('http://tiles.soc.lan:8080/{z}/{x}/{y}.png');
    expect(origin).toBe('http://tiles.soc.lan:8080');
    const csp = wallCsp({ tileOrigin: origin });
    expect(csp).toContain("img-src 'self' data: http://tiles.soc.lan:8080;");
    expect(csp).toContain("connect-src 'self';");
    expect(tileOriginOf('javascript:alert(1)')).toBeNull();
    expect(tileOriginOf(undefined)).toBeNull();
  });
});
