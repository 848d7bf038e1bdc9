// The renderer's WebSocket client, as the page runs it, against the real browser host and
// wall core: every method of the table answers through it, pushes arrive on their
// listeners, a read-only view is refused the command with the host's reason, and a bad
// call gets its own specific error. The commanding client presents the control token as an
// operator's laptop does (`?control=` once). (Node's `ws` stands in for the browser's WebSocket: it
// implements the same onopen/onmessage/onclose interface.)
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WallFrame, WallState } from '../../electron/contract/index.js';
import { startBrowserHost, type BrowserHost } from '../../electron/core/host/browser-host.js';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { fromHostSocket, type WallClient } from '../../renderer/src/api/index.js';
import { WebSocketTransport } from '../../renderer/src/api/ws-wall-api.js';
import { rejectedCalls } from '../helpers/metrics-text.js';
import { waitFor } from '../helpers/wait.js';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const CONTROL = 'control-token-for-the-ws-client';

const g = globalThis as { WebSocket?: unknown };
const hadWebSocket = 'WebSocket' in g;
const savedWebSocket = g.WebSocket;

function connected(transport: WebSocketTransport): Promise<void> {
  return new Promise((resolve) => {
    const off = transport.onHostConnection((up) => {
      if (!up) return;
      queueMicrotask(() => off());
      resolve();
    });
  });
}

describe('the renderer WebSocket client against the real host', () => {
  let core: WallCoreHandle;
  let controlled: BrowserHost;
  const transports: WebSocketTransport[] = [];
  const client = async (url: string): Promise<WallClient> => {
    const t = new WebSocketTransport(url);
    transports.push(t);
    await connected(t);
    return fromHostSocket(t);
  };

  beforeAll(async () => {
    g.WebSocket = WebSocket;
    core = await startWallCore({ brokerUrls: [], demo: true, log: () => undefined });
    controlled = await startBrowserHost({ core, rendererDir, port: 0, controlToken: CONTROL });
  });

  afterAll(async () => {
    for (const t of transports) t.close();
    await controlled?.close();
    await core?.stop();
    if (hadWebSocket) g.WebSocket = savedWebSocket;
    else delete g.WebSocket;
  });

  it('answers every method of the table and delivers the pushes', async () => {
    const wall = await client(`${controlled.url.replace('http', 'ws')}api/ws?control=${CONTROL}`);
    const snapshot = await wall.getSnapshot();
    expect(snapshot.kind).toBe('snapshot');
    expect((await wall.getConfig()).profile.screens.length).toBeGreaterThan(0);
    const before = await wall.getState();

    const frames: WallFrame[] = [];
    const states: WallState[] = [];
    wall.onFrame((f) => frames.push(f));
    wall.onState((s) => states.push(s));
    const next = before.language === 'vi' ? 'en' : 'vi';
    await expect(wall.command({ type: 'set-language', language: next })).resolves.toBeNull();
    await waitFor(() => states.some((s) => s.language === next), 'the state push with the new language', 5_000);
    expect((await wall.getState()).rev).toBeGreaterThan(before.rev);
    await waitFor(() => frames.length >= 2, 'two frame pushes', 5_000);
    expect(frames.every((f) => f.kind === 'delta' || f.kind === 'snapshot')).toBe(true);
  });

  it('refuses the command to a read-only view with the host’s reason, and reads still work', async () => {
    const view = await client(`${controlled.url.replace('http', 'ws')}api/ws`);
    await expect(view.command({ type: 'toggle-language' })).rejects.toThrow(/read-only view/u);
    await expect(view.getState()).resolves.toMatchObject({ rev: expect.any(Number) });
    expect(rejectedCalls(core.metrics(), 'ws_read_only')).toBeGreaterThanOrEqual(1);
  });

  it('answers a call with arguments its method does not take with a specific error, counted', async () => {
    const wall = await client(`${controlled.url.replace('http', 'ws')}api/ws?control=${CONTROL}`);
    const before = rejectedCalls(core.metrics(), 'ws_bad_message');
    // Past the typed API, as a hostile page would send it.
    const bad = wall.command({ type: 'set-language', language: 'fr' } as never);
    await expect(bad).rejects.toThrow('Bad arguments for command.');
    expect(rejectedCalls(core.metrics(), 'ws_bad_message')).toBe(before + 1);
  });
});
