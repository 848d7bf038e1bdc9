// Navigation, pop-ups, <webview>, permissions and the network are closed for every
// webContents (Electron security checklist, items 5, 11-14); no application menu.
import { app, Menu, session, type Session } from 'electron';
import type { WallLog } from '../core/log/wall-log.js';

/** Before any window exists. */
export function guardWebContents(log: WallLog): void {
  app.on('web-contents-created', (_event, contents) => {
    // will-frame-navigate comes first (for the main frame too) and, prevented, no will-navigate
    // follows: the block is logged here.
    contents.on('will-frame-navigate', (e) => {
      e.preventDefault();
      log('warn', `blocked navigation to ${e.url}${e.isMainFrame ? '' : ' (in a frame)'}`);
    });
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      log('warn', `blocked window.open(${url})`);
      return { action: 'deny' };
    });
  });
}

/**
 * After `ready`: deny every permission and every http(s)/ws(s) request of a page, except
 * image requests to the administrator's tile server (`allowedImageOrigin`).
 */
export function lockDownSession(log: WallLog, ses: Session = session.defaultSession, allowedImageOrigin: () => string | null = () => null): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    const tiles = allowedImageOrigin();
    if (tiles !== null && details.resourceType === 'image' && details.method === 'GET' && details.url.toLowerCase().startsWith(`${tiles}/`)) {
      callback({});
      return;
    }
    log('warn', `blocked network request from a page: ${details.url}`);
    callback({ cancel: true });
  });
  Menu.setApplicationMenu(null);
}
