// Routes of the `app://wall/` scheme: which file answers a URL (never one outside its
// directory, encoded traversal included), its content type, and the wall's page URLs. Pure.
import path from 'node:path';

/** Resolves `urlPath` (a URL pathname, still percent-encoded) inside `root`, or null when it would escape. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // malformed escape such as %E0%A4%A
  }
  // NUL, backslashes (a separator on Windows) and drive letters never belong in a URL path.
  if (decoded.includes('\0') || decoded.includes('\\') || /^\/?[A-Za-z]:/u.test(decoded)) return null;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return null;
  if (segments.length === 0) segments.push('index.html');
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  return file.startsWith(base + path.sep) ? file : null;
}

export interface AppRoutes {
  /** dist/renderer: the built renderer. */
  rendererDir: string;
  /** resources/: static pages of the shell (crashed.html). */
  resourcesDir: string;
}

/** Host of the app scheme: `app://wall/`. */
export const APP_HOST = 'wall';
/** The plain page shown when a window keeps crashing (no script). */
export const CRASHED_PAGE = 'crashed.html';

/** Decides which file answers an `app:` request URL, or null (404). */
export function routeAppRequest(url: string, routes: AppRoutes): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'app:' || parsed.host !== APP_HOST) return null;
  if (parsed.pathname === `/${CRASHED_PAGE}`) return path.join(routes.resourcesDir, CRASHED_PAGE);
  return resolveInside(routes.rendererDir, parsed.pathname);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The page of wall screen `screenId`, with the screens merged onto it tiled (`&merge=a,b`). */
export function wallPageUrl(screenId: string, merged: readonly string[] = []): string {
  const query = `screen=${encodeURIComponent(screenId)}`;
  return `app://${APP_HOST}/index.html?${query}${merged.length > 0 ? `&merge=${merged.map(encodeURIComponent).join(',')}` : ''}`;
}

export const CRASHED_URL = `app://${APP_HOST}/${CRASHED_PAGE}`;
