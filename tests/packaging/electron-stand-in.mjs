// A stand-in for the `electron` module, installed as node_modules/electron in an extracted
// copy of the packaged app so its main bundle can start under plain Node. It records every
// call the wall makes and refuses, as a violation, the calls Electron only allows at another
// moment: the ones that need the app to be ready (windows, displays, sessions, protocol
// handlers, safeStorage) before `ready`, and the ones that only take effect before it
// (privileged schemes, the sandbox switch) after. A SIGTERM/SIGINT handler registered before
// `ready` is a violation too: Electron installs its own as it starts, which replaces it.
// What this cannot show (windows on real displays, kiosk, GPU, the sandbox itself) needs a
// real Electron runtime (tests/electron).
//
// Reports go to stdout as lines `@@stand-in {json}`: each call, then `{"exit": code, ...}`.
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const home = process.env.SOCWALL_STAND_IN_HOME;
if (!home) throw new Error('stand-in electron: SOCWALL_STAND_IN_HOME is not set');

const calls = [];
const violations = [];
const windows = [];
const loads = [];
let ready = false;
let willQuit = 0;

function report(o) {
  process.stdout.write(`@@stand-in ${JSON.stringify(o)}\n`);
}
function call(name, detail) {
  calls.push(ready ? name : `${name} (before ready)`);
  if (detail !== undefined) report({ call: name, detail });
}
function violation(text) {
  violations.push(text);
  report({ violation: text });
  throw new Error(`stand-in electron: ${text}`);
}
/** Only once the app is ready. */
function afterReady(name) {
  call(name);
  if (!ready) violation(`${name} used before the ready event`);
}
/** Only before the app is ready (no effect after). */
function beforeReady(name) {
  call(name);
  if (ready) violation(`${name} called after the ready event, where it has no effect`);
}

// Signal handlers: Electron replaces one registered while the entry evaluates.
for (const method of ['on', 'once', 'addListener', 'prependListener']) {
  const original = process[method].bind(process);
  process[method] = (event, listener) => {
    if (event === 'SIGTERM' || event === 'SIGINT') {
      call(`process.${method}(${event})`);
      if (!ready) violation(`a ${event} handler registered before the ready event (Electron's own, installed as it starts, replaces it)`);
    }
    return original(event, listener);
  };
}

/** An object that records calls to methods the stand-in does not model, instead of failing on them. */
function recording(target, prefix) {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (prop in t || typeof prop === 'symbol') return Reflect.get(t, prop, receiver);
      return () => {
        call(`${prefix}.${String(prop)}`);
        return undefined;
      };
    },
  });
}

let resolveReady;
const readyPromise = new Promise((resolve) => (resolveReady = resolve));
const protocolHandlers = new Map();

class StandInApp extends EventEmitter {
  isPackaged = true;
  commandLine = recording({ appendSwitch: (s) => beforeReady(`app.commandLine.appendSwitch(${s})`), hasSwitch: () => false, getSwitchValue: () => '' }, 'app.commandLine');
  enableSandbox() {
    beforeReady('app.enableSandbox');
  }
  requestSingleInstanceLock() {
    call('app.requestSingleInstanceLock');
    return true;
  }
  whenReady() {
    call('app.whenReady');
    return readyPromise;
  }
  isReady() {
    return ready;
  }
  getPath(name) {
    call(`app.getPath(${name})`);
    const dir = join(home, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  setPath(name) {
    beforeReady(`app.setPath(${name})`);
  }
  getVersion() {
    return '0.0.0-stand-in';
  }
  getName() {
    return 'soc-wall';
  }
  getLocale() {
    return 'vi';
  }
  /** As Electron: before-quit, then will-quit (either may be prevented), then quit and exit. */
  quit() {
    call('app.quit');
    const before = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    const will = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    willQuit++;
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    this.emit('quit');
    this.exit(0);
  }
  exit(code = 0) {
    call(`app.exit(${code})`);
    report({ exit: code, violations, calls, windows, loads, willQuit });
    setImmediate(() => process.exit(code));
  }
}
export const app = recording(new StandInApp(), 'app');

const display = { id: 1, label: 'stand-in', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1, rotation: 0, internal: false, size: { width: 1920, height: 1080 } };
const screenEvents = new EventEmitter();
export const screen = recording(
  {
    getAllDisplays: () => (afterReady('screen.getAllDisplays'), [display]),
    getPrimaryDisplay: () => (afterReady('screen.getPrimaryDisplay'), display),
    getDisplayMatching: () => (afterReady('screen.getDisplayMatching'), display),
    on: (event, listener) => (afterReady(`screen.on(${event})`), screenEvents.on(event, listener)),
  },
  'screen',
);

export const protocol = recording(
  {
    registerSchemesAsPrivileged: (schemes) => beforeReady(`protocol.registerSchemesAsPrivileged(${schemes.map((s) => s.scheme).join(',')})`),
    handle: (scheme, handler) => {
      afterReady(`protocol.handle(${scheme})`);
      protocolHandlers.set(scheme, handler);
    },
  },
  'protocol',
);

const defaultSession = recording(
  {
    setPermissionRequestHandler: () => call('session.setPermissionRequestHandler'),
    setPermissionCheckHandler: () => call('session.setPermissionCheckHandler'),
    setDevicePermissionHandler: () => call('session.setDevicePermissionHandler'),
    webRequest: recording({ onBeforeRequest: () => call('session.webRequest.onBeforeRequest') }, 'session.webRequest'),
    protocol,
  },
  'session',
);
export const session = {
  get defaultSession() {
    afterReady('session.defaultSession');
    return defaultSession;
  },
};

export const Menu = recording({ setApplicationMenu: () => call('Menu.setApplicationMenu') }, 'Menu');
export const powerSaveBlocker = recording({ start: () => (call('powerSaveBlocker.start'), 1), isStarted: () => true, stop: () => call('powerSaveBlocker.stop') }, 'powerSaveBlocker');
export const ipcMain = recording(Object.assign(new EventEmitter(), { handle: (channel) => call(`ipcMain.handle(${channel})`), removeHandler: () => undefined }), 'ipcMain');
export const safeStorage = recording(
  {
    isEncryptionAvailable: () => (afterReady('safeStorage.isEncryptionAvailable'), true),
    getSelectedStorageBackend: () => 'basic_text',
    encryptString: (s) => (afterReady('safeStorage.encryptString'), Buffer.from(`enc:${s}`)),
    decryptString: (b) => (afterReady('safeStorage.decryptString'), Buffer.from(b).toString().replace(/^enc:/u, '')),
  },
  'safeStorage',
);
export const shell = recording({}, 'shell');
export const nativeTheme = recording({ shouldUseDarkColors: true }, 'nativeTheme');

let nextContentsId = 1;
/** Loads an app:// URL through the handler the wall registered: the page and every script and style it names. */
async function loadThroughProtocol(url) {
  const scheme = url.slice(0, url.indexOf(':'));
  const handler = protocolHandlers.get(scheme);
  if (!handler) return { url, status: 'no handler' };
  const res = await handler(new Request(url));
  const entry = { url, status: res.status, type: res.headers.get('content-type') ?? '', assets: [] };
  if (res.ok && entry.type.includes('html')) {
    const html = await res.text();
    for (const [, ref] of html.matchAll(/(?:src|href)="(\.\/[^"]+|assets\/[^"]+)"/gu)) {
      const asset = new URL(ref, url).href;
      const a = await handler(new Request(asset));
      entry.assets.push({ url: asset, status: a.status });
    }
  }
  return entry;
}

class StandInWebContents extends EventEmitter {
  id = nextContentsId++;
  url = '';
  destroyed = false;
  setWindowOpenHandler() {}
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  send() {}
}

class StandInBrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super();
    afterReady('new BrowserWindow');
    const wp = options.webPreferences ?? {};
    const problems = [];
    if (wp.sandbox === false) problems.push('sandbox off');
    if (wp.contextIsolation === false) problems.push('contextIsolation off');
    if (wp.nodeIntegration === true) problems.push('nodeIntegration on');
    if (!wp.preload || !existsSync(wp.preload)) problems.push(`preload missing: ${wp.preload}`);
    windows.push({ options: { frame: options.frame, roundedCorners: options.roundedCorners, show: options.show, preload: wp.preload, sandbox: wp.sandbox, contextIsolation: wp.contextIsolation }, problems, shown: false });
    this.record = windows.at(-1);
    if (problems.length > 0) violation(`a window with ${problems.join(', ')}`);
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.kiosk = false;
    this.fullScreen = false;
    this.visible = false;
    this.destroyed = false;
    this.webContents = recording(new StandInWebContents(), 'webContents');
    app.emit('web-contents-created', {}, this.webContents);
    return recording(this, 'BrowserWindow');
  }
  loadURL(url) {
    call('BrowserWindow.loadURL');
    this.webContents.url = url;
    return loadThroughProtocol(url).then((entry) => {
      loads.push(entry);
      report({ load: entry });
      setImmediate(() => this.emit('ready-to-show'));
    });
  }
  setBounds(b) {
    this.bounds = { ...b };
  }
  getBounds() {
    return this.bounds;
  }
  isKiosk() {
    return this.kiosk;
  }
  setKiosk(v) {
    const was = this.kiosk || this.fullScreen;
    this.kiosk = v;
    if (was && !v && !this.fullScreen) setImmediate(() => this.emit('leave-full-screen'));
  }
  isFullScreen() {
    return this.fullScreen;
  }
  setFullScreen(v) {
    const was = this.kiosk || this.fullScreen;
    this.fullScreen = v;
    if (was && !v && !this.kiosk) setImmediate(() => this.emit('leave-full-screen'));
  }
  show() {
    this.visible = true;
    this.record.shown = true;
    report({ shown: windows.filter((w) => w.shown).length, of: windows.length });
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  close() {
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
}
export const BrowserWindow = StandInBrowserWindow;

// Electron emits ready once the entry (an ES module and everything it imports) has evaluated.
setImmediate(() => {
  ready = true;
  report({ ready: true });
  app.emit('ready', {}, {});
  resolveReady();
});

const electron = { app, screen, protocol, session, Menu, powerSaveBlocker, ipcMain, safeStorage, shell, nativeTheme, BrowserWindow };
export default electron;
