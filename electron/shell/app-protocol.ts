// The privileged `app:` scheme: the renderer is served from `app://wall/` (never file://),
// with the wall's CSP on every response.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { WALL_CSP, withMetaCsp } from '../contract/csp.js';

/** The policy sent with every response (the tile server's origin may change with the profile). */
let currentCsp: () => string = () => WALL_CSP;
export function setCspSource(source: () => string): void {
  currentCsp = source;
}
import { contentTypeOf, routeAppRequest, type AppRoutes } from './app-routes.js';

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** What a Response is made from (the DOM's BodyInit, named through Node's own Response). */
type ResponseBody = ConstructorParameters<typeof Response>[0];

function reply(body: ResponseBody, status: number, contentType: string): Response {
  return new Response(body, {
    status,
    headers: { 'Content-Type': contentType, 'Content-Security-Policy': currentCsp(), 'X-Content-Type-Options': 'nosniff' },
  });
}

/** After `ready`: serves the built renderer (and the crashed page). */
export function serveApp(routes: AppRoutes): void {
  protocol.handle('app', async (request) => {
    const file = routeAppRequest(request.url, routes);
    if (file === null) return reply('not found', 404, 'text/plain; charset=utf-8');
    try {
      // The page's own <meta> policy is the header's, so a tile server allowed by one is allowed by both.
      if (file.endsWith('.html')) return reply(withMetaCsp(await readFile(file, 'utf8'), currentCsp()), 200, contentTypeOf(file));
      return reply(new Uint8Array(await readFile(file)), 200, contentTypeOf(file));
    } catch {
      return reply('not found', 404, 'text/plain; charset=utf-8');
    }
  });
}
