// The one Content-Security-Policy of the wall. The Electron shell sends it on every
// `app://wall/` response and the browser host as an HTTP header; both also write it into the
// page's own <meta> (withMetaCsp), so the two never disagree. Vite's production output has no
// inline script or style, Vue templates are precompiled and vue-i18n compiles messages
// without eval, so nothing here needs 'unsafe-*'. `connect-src 'self'` is the wall's own
// origin only: CSP Level 3 lets 'self' match the page's own host and port over ws:/wss:,
// which is the browser host's WebSocket; no other host can be reached. The only remote
// origin ever allowed is an administrator's own tile server, for images only.

export interface CspOptions {
  /** Origin of the configured tile server (images only), or null. */
  tileOrigin?: string | null;
}

export function wallCsp(options: CspOptions = {}): string {
  const img = ["'self'", 'data:', ...(options.tileOrigin ? [options.tileOrigin] : [])].join(' ');
  return (
    `default-src 'none'; script-src 'self'; style-src 'self'; img-src ${img}; font-src 'self'; ` +
    `connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`
  );
}

export const WALL_CSP = wallCsp();

/** The policy as a <meta> may carry it: browsers ignore frame-ancestors there (the header and X-Frame-Options keep it). */
export function metaCsp(policy: string): string {
  return policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !d.startsWith('frame-ancestors'))
    .join('; ');
}

const META_CSP = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/iu;

/** The page with its <meta> policy replaced by `policy` (the one sent as the header); unchanged without such a meta. */
export function withMetaCsp(html: string, policy: string): string {
  // The policy never holds a quote or '<' (tileOriginOf lets none through), so it is safe inside the attribute.
  return html.replace(META_CSP, (_m, before: string, after: string) => `${before}${metaCsp(policy)}${after}`);
}

/** The <meta> policy of a page, or null. */
export function metaCspOf(html: string): string | null {
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/iu.exec(html);
  return m ? m[1]! : null;
}

/** The origin of a tile URL template (`http://tiles.lan:8080/{z}/{x}/{y}.png` → `http://tiles.lan:8080`). */
export function tileOriginOf(template: string | undefined | null): string | null {
  if (!template) return null;
  // A host name or IP literal and a port only: nothing that could end the policy or its attribute.
  const m = /^(https?:\/\/(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?)\//u.exec(template);
  return m ? m[1]!.toLowerCase() : null;
}
