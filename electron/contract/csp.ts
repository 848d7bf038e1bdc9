// The one Content-Security-Policy of the wall. The Electron shell sends it on every
// `app://wall/` response; the browser host sends the same policy as an HTTP header (with
// WebSocket connections to itself). Vite's production output has no inline script or
// style, Vue templates are precompiled and vue-i18n compiles messages without eval, so
// nothing here needs 'unsafe-*'. The only remote origin ever allowed is an administrator's
// own tile server, for images only.

export interface CspOptions {
  /** Origin of the configured tile server (images only), or null. */
  tileOrigin?: string | null;
  /** The browser host's WebSocket to itself. */
  webSocket?: boolean;
}

export function wallCsp(options: CspOptions = {}): string {
  const img = ["'self'", 'data:', ...(options.tileOrigin ? [options.tileOrigin] : [])].join(' ');
  const connect = ["'self'", ...(options.webSocket ? ['ws:', 'wss:'] : [])].join(' ');
  return (
    `default-src 'none'; script-src 'self'; style-src 'self'; img-src ${img}; font-src 'self'; ` +
    `connect-src ${connect}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`
  );
}

export const WALL_CSP = wallCsp();

/** The origin of a tile URL template (`http://tiles.lan:8080/{z}/{x}/{y}.png` → `http://tiles.lan:8080`). */
export function tileOriginOf(template: string | undefined | null): string | null {
  if (!template) return null;
  const m = /^(https?:\/\/[^/\s?#{}]+)\//u.exec(template);
  return m ? m[1]!.toLowerCase() : null;
}
