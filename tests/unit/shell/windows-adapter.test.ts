// The Electron adapters of the shell against a fake `electron` module: windows follow the
// displays and the profile, keys reach the core with the window's screen, a locked wall
// refuses to quit. (The real thing runs in tests/electron where a runtime exists.)
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScreenDef } from '../../../electron/contract/wall-config.js';
import type { Bounds, DisplayInfo } from '../../../electron/shell/display-plan.js';

const fake = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  let nextId = 1;
  class FakeWebContents extends Emitter {
    id = nextId++;
    url = '';
    destroyed = false;
    sent: [string, unknown][] = [];
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    getURL() {
      return this.url;
    }
    isDestroyed() {
      return this.destroyed;
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
  }
  class FakeBrowserWindow extends Emitter {
    static all: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    bounds: { x: number; y: number; width: number; height: number };
    kiosk = false;
    fullScreen = false;
    visible = false;
    destroyed = false;
    title = '';
    constructor(public options: object) {
      super();
      const { x, y, width, height } = options as { x: number; y: number; width: number; height: number };
      this.bounds = { x, y, width, height };
      FakeBrowserWindow.all.push(this);
    }
    loadURL(url: string) {
      return this.webContents.loadURL(url);
    }
    setTitle(t: string) {
      this.title = t;
    }
    setBounds(b: FakeBrowserWindow['bounds']) {
      this.bounds = { ...b };
    }
    getBounds() {
      return this.bounds;
    }
    isKiosk() {
      return this.kiosk;
    }
    /** Leaving kiosk or full screen is confirmed later, as a window manager does (X11: asynchronously). */
    private leave(was: boolean, now: boolean) {
      if (was && !now && !this.kiosk && !this.fullScreen) setTimeout(() => this.emit('leave-full-screen'), 50);
    }
    setKiosk(v: boolean) {
      const was = this.kiosk;
      this.kiosk = v;
      this.leave(was, v);
    }
    isFullScreen() {
      return this.fullScreen;
    }
    setFullScreen(v: boolean) {
      const was = this.fullScreen;
      this.fullScreen = v;
      this.leave(was, v);
    }
    show() {
      this.visible = true;
    }
    isVisible() {
      return this.visible;
    }
    isDestroyed() {
      return this.destroyed;
    }
    focus() {}
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
  const screen = Object.assign(new Emitter(), {
    displays: [] as { id: number; bounds: { x: number; y: number; width: number; height: number }; label: string }[],
    getAllDisplays() {
      return screen.displays;
    },
    getDisplayMatching(b: { x: number; y: number }) {
      return screen.displays.find((d) => d.bounds.x === b.x && d.bounds.y === b.y) ?? screen.displays[0]!;
    },
  });
  const app = Object.assign(new Emitter(), { quit: () => undefined });
  return { FakeBrowserWindow, screen, app };
});

vi.mock('electron', () => ({
  BrowserWindow: fake.FakeBrowserWindow,
  screen: fake.screen,
  app: fake.app,
  powerSaveBlocker: { start: () => 1, isStarted: () => true, stop: () => undefined },
}));

const { openWallWindows } = await import('../../../electron/shell/windows.js');
const { bindWallKeys } = await import('../../../electron/shell/keys.js');
const { fillDisplay, guardLockedQuit, LEAVE_FULL_SCREEN_TIMEOUT_MS } = await import('../../../electron/shell/kiosk.js');

const fhd = (x: number, y = 0): Bounds => ({ x, y, width: 1920, height: 1080 });
const grid: DisplayInfo[] = [
  { id: 1, bounds: fhd(0) },
  { id: 2, bounds: fhd(1920) },
  { id: 3, bounds: fhd(0, 1080) },
  { id: 4, bounds: fhd(1920, 1080) },
];
const wall: ScreenDef[] = [
  { id: 'tl', cell: { col: 0, row: 0 } },
  { id: 'tr', cell: { col: 1, row: 0 } },
  { id: 'bl', cell: { col: 0, row: 1 } },
  { id: 'br', cell: { col: 1, row: 1 } },
];
const setDisplays = (ds: DisplayInfo[]) => (fake.screen.displays = ds.map((d) => ({ ...d, label: `D${d.id}` })));
const live = () => fake.FakeBrowserWindow.all.filter((w) => !w.destroyed);
const urls = () => live().map((w) => w.webContents.url);

describe('wall windows (fake electron)', () => {
  let screens: ScreenDef[];
  const created: { slot: number; screenOf: () => string }[] = [];

  beforeEach(() => {
    vi.useFakeTimers();
    fake.FakeBrowserWindow.all = [];
    fake.screen.removeAllListeners();
    created.length = 0;
    screens = wall;
    setDisplays(grid);
  });
  afterEach(() => vi.useRealTimers());

  const open = (kiosk = true) =>
    openWallWindows({
      preloadPath: '/p/preload.cjs',
      devTools: false,
      kiosk,
      screens: () => screens,
      log: () => undefined,
      onCreated: (_win, slot, screenOf) => created.push({ slot, screenOf }),
    });

  it('opens one window per display at its screen URL, frameless, then fills the display in kiosk mode', () => {
    open();
    expect(urls()).toEqual(['tl', 'tr', 'bl', 'br'].map((s) => `app://wall/index.html?screen=${s}`));
    const w = live()[1]!;
    expect(w.options).toMatchObject({ frame: false, show: false, skipTaskbar: true, ...fhd(1920) });
    w.emit('ready-to-show');
    expect(w.bounds).toEqual(fhd(1920));
    expect(w.kiosk).toBe(true);
    expect(w.visible).toBe(true);
  });

  it('merges screens when displays go away, after the debounce, and restores them when they return', () => {
    open();
    const first = live().slice(0, 2);
    setDisplays(grid.slice(0, 2));
    fake.screen.emit('display-removed');
    vi.advanceTimersByTime(2_900);
    expect(live()).toHaveLength(4);
    vi.advanceTimersByTime(200);
    expect(live()).toEqual(first);
    expect(urls()).toEqual(['app://wall/index.html?screen=tl&merge=bl', 'app://wall/index.html?screen=tr&merge=br']);
    expect(created.map((c) => c.screenOf())).toEqual(['tl', 'tr', 'bl', 'br']); // destroyed windows keep their last screen

    setDisplays(grid);
    fake.screen.emit('display-added');
    vi.advanceTimersByTime(3_000);
    expect(urls()).toEqual(['tl', 'tr', 'bl', 'br'].map((s) => `app://wall/index.html?screen=${s}`));
    expect(live().slice(0, 2)).toEqual(first);
  });

  it('keeps the windows when every display vanished at once', () => {
    open();
    setDisplays([]);
    fake.screen.emit('display-removed');
    vi.advanceTimersByTime(3_000);
    expect(live()).toHaveLength(4);
  });

  it('re-plans when the profile screens change, not on other config changes', () => {
    const wall2 = open();
    const before = live();
    wall2.profileChanged();
    expect(live()).toEqual(before);
    screens = [{ id: 'main', cell: { col: 0, row: 0 } }];
    wall2.profileChanged();
    expect(live()).toEqual(before); // reloaded in place: main + three mirrors
    expect(urls()).toEqual(Array(4).fill('app://wall/index.html?screen=main'));
    expect(created[1]!.screenOf()).toBe('main');
  });

  it('reloads a slot at its planned URL and recreates a window on the same screen and display', () => {
    const wall2 = open();
    const old = live()[2]!;
    old.webContents.url = 'app://wall/crashed.html';
    wall2.reload(created[2]!.slot);
    expect(old.webContents.url).toBe('app://wall/index.html?screen=bl');
    wall2.recreate(created[2]!.slot);
    expect(old.destroyed).toBe(true);
    const fresh = live().at(-1)!;
    expect(fresh.webContents.url).toBe('app://wall/index.html?screen=bl');
    expect(fresh.options).toMatchObject(fhd(0, 1080));
    expect(wall2.ids().has(fresh.webContents.id)).toBe(true);
    expect(wall2.ids().has(old.webContents.id)).toBe(false);
  });

  it('moves a window in kiosk mode only once it has left it, and a newer plan replaces one still waiting', () => {
    const win = new fake.FakeBrowserWindow(fhd(0));
    const asWindow = win as unknown as Parameters<typeof fillDisplay>[0];
    fillDisplay(asWindow, fhd(0), true);
    expect([win.bounds, win.kiosk]).toEqual([fhd(0), true]);
    fillDisplay(asWindow, fhd(1920), true);
    // Still where it was: bounds set now would land it on the old display.
    expect([win.bounds, win.kiosk]).toEqual([fhd(0), false]);
    fillDisplay(asWindow, fhd(0, 1080), true); // a newer plan before the window manager confirmed
    vi.advanceTimersByTime(60);
    expect([win.bounds, win.kiosk, win.visible]).toEqual([fhd(0, 1080), true, true]);
    vi.advanceTimersByTime(LEAVE_FULL_SCREEN_TIMEOUT_MS * 2);
    expect(win.bounds).toEqual(fhd(0, 1080)); // the replaced plan never applies
    // A window manager that never confirms: moved after the timeout all the same.
    win.setKiosk = (v: boolean) => void (win.kiosk = v);
    fillDisplay(asWindow, fhd(1920), true);
    vi.advanceTimersByTime(LEAVE_FULL_SCREEN_TIMEOUT_MS - 1);
    expect(win.bounds).toEqual(fhd(0, 1080));
    vi.advanceTimersByTime(1);
    expect([win.bounds, win.kiosk]).toEqual([fhd(1920), true]);
  });

  it('sends to every live window', () => {
    const wall2 = open();
    wall2.send('wall:state', { rev: 1 });
    expect(live().every((w) => w.webContents.sent.length === 1)).toBe(true);
  });
});

describe('wall keys and the lock (fake electron)', () => {
  const input = (key: string, extra: Record<string, unknown> = {}) => ({ type: 'keyDown', key, control: false, shift: false, alt: false, meta: false, ...extra });
  const press = (contents: EventEmitter, i: ReturnType<typeof input>) => {
    let prevented = false;
    contents.emit('before-input-event', { preventDefault: () => (prevented = true) }, i);
    return prevented;
  };

  it('gives presses to the core with the window screen, and swallows wall keys and (locked) leave keys', () => {
    let locked = false;
    const core = { handleKey: vi.fn((k: { key: string }) => k.key === '2'), getState: () => ({ locked }) };
    const contents = new EventEmitter();
    let screen = 'tl';
    bindWallKeys(contents as never, core as never, () => screen);
    expect(press(contents, input('2', { control: true }))).toBe(true);
    expect(core.handleKey).toHaveBeenLastCalledWith({ key: '2', ctrl: true, shift: false, alt: false, meta: false }, 'tl');
    expect(press(contents, input('q', { control: true }))).toBe(false);
    locked = true;
    screen = 'br';
    expect(press(contents, input('q', { control: true }))).toBe(true);
    expect(core.handleKey).toHaveBeenLastCalledWith(expect.objectContaining({ key: 'q' }), 'br');
    expect(press(contents, input('F12', { type: 'keyUp' }))).toBe(true);
    expect(press(contents, input('x'))).toBe(false);
  });

  it('refuses quit and window close while locked; a signal still quits', () => {
    let locked = true;
    const logs: string[] = [];
    fake.app.removeAllListeners();
    const guard = guardLockedQuit(() => locked, (_l, m) => logs.push(m));
    const quit = () => {
      const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      fake.app.emit('before-quit', event);
      return !event.defaultPrevented;
    };
    const win = new fake.FakeBrowserWindow(fhd(0));
    guard.guardWindow(win as never);
    expect(quit()).toBe(false);
    expect(logs).toContain('kiosk locked: quit refused');
    expect(guard.isQuitting()).toBe(false);
    win.close();
    expect(win.destroyed).toBe(false);
    locked = false;
    expect(quit()).toBe(true);
    expect(guard.isQuitting()).toBe(true);
    win.close();
    expect(win.destroyed).toBe(true);

    locked = true;
    fake.app.removeAllListeners();
    const guard2 = guardLockedQuit(() => locked, () => undefined);
    guard2.quitBySignal('SIGTERM');
    expect(quit()).toBe(true);
  });
});
