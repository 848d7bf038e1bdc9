// Routes of the `app://wall/` scheme: which file answers a URL (never one outside its
// directory, encoded traversal included: the browser host's own guard), and the wall's page
// URLs. Pure.
import path from 'node:path';
import { resolveInside } from '../core/host/static-files.js';

export { contentTypeOf, resolveInside } from '../core/host/static-files.js';

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

/** The page of wall screen `screenId`, with the screens merged onto it tiled (`&merge=a,b`). */
export function wallPageUrl(screenId: string, merged: readonly string[] = []): string {
  const query = `screen=${encodeURIComponent(screenId)}`;
  return `app://${APP_HOST}/index.html?${query}${merged.length > 0 ? `&merge=${merged.map(encodeURIComponent).join(',')}` : ''}`;
}

export const CRASHED_URL = `app://${APP_HOST}/${CRASHED_PAGE}`;
