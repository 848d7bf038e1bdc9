// The browser host's WebSocket (/api/ws) as a WallApi transport: a call per method with a
// numeric id and its reply, and the host's pushes (frames, state, config). Reconnects with
// exponential backoff and jitter. The WallApi on it is wallApiProxy's (contract/common).
import type { ClientToHostMessage, HostToClientMessage, Unsubscribe } from '../../../electron/contract/index.js';
import { WS_PATH } from '../../../electron/contract/common/paths.js';
import { backoffDelay, WS_BACKOFF, type BackoffOptions } from '../../../electron/contract/common/backoff.js';
import type { WallTransport } from '../../../electron/contract/common/wall-api-client.js';
import type { WallMethodName, WallPushName } from '../../../electron/contract/wall-api.js';

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The host's own WebSocket. No token in it: a page opened with ?token= was sent on to its
 * clean URL with the token in an HttpOnly cookie, which the browser sends with this request.
 */
export function hostSocketUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}${WS_PATH}`;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class WebSocketTransport implements WallTransport {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private connected = false;
  private readonly pending = new Map<number, Pending>();
  private readonly pushListeners = new Map<WallPushName, Set<(payload: unknown) => void>>();
  private readonly connectionListeners = new Set<(up: boolean) => void>();

  private readonly requestTimeoutMs: number;
  private readonly backoff: BackoffOptions;

  constructor(
    private readonly url: string,
    options: { requestTimeoutMs?: number; backoff?: BackoffOptions } = {},
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.backoff = options.backoff ?? WS_BACKOFF;
    this.open();
  }

  call(method: WallMethodName, args: readonly unknown[]): Promise<unknown> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('host not connected'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('host did not reply'));
      }, this.requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      // The WallApi built on this transport passes each method its own arguments.
      ws.send(JSON.stringify({ t: 'call', id, method, args } as ClientToHostMessage));
    });
  }

  subscribe(push: WallPushName, listener: (payload: unknown) => void): Unsubscribe {
    let set = this.pushListeners.get(push);
    if (!set) this.pushListeners.set(push, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onHostConnection(listener: (up: boolean) => void): Unsubscribe {
    this.connectionListeners.add(listener);
    listener(this.connected);
    return () => this.connectionListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.ws?.close();
  }

  private open(): void {
    if (this.closed) return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.setConnected(true);
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data !== 'string') return;
      let msg: HostToClientMessage;
      try {
        msg = JSON.parse(ev.data) as HostToClientMessage;
      } catch {
        return;
      }
      this.dispatch(msg);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.failPending();
      this.setConnected(false);
      this.scheduleReconnect();
    };
    ws.onerror = () => {
      // onclose follows and schedules the reconnect.
    };
  }

  private dispatch(msg: HostToClientMessage): void {
    switch (msg.t) {
      case 'push':
        for (const l of this.pushListeners.get(msg.push) ?? []) l(msg.payload);
        break;
      case 'reply': {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        clearTimeout(p.timer);
        if (msg.ok) p.resolve(msg.result);
        else p.reject(new Error(msg.error));
        break;
      }
    }
  }

  private failPending(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error('host connection lost'));
    }
    this.pending.clear();
  }

  private setConnected(up: boolean): void {
    if (this.connected === up) return;
    this.connected = up;
    for (const l of this.connectionListeners) l(up);
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const delay = backoffDelay(this.attempt++, this.backoff);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.open();
    }, delay);
  }
}
