// WallApi over the browser host's WebSocket (/api/ws): request/reply with numeric ids,
// frames and state pushed by the host. Reconnects with exponential backoff and jitter.
import type {
  ClientToHostMessage,
  HostToClientMessage,
  Unsubscribe,
  WallCommand,
  WallConfig,
  WallFrame,
  WallState,
} from '../../../electron/contract/index.js';
import type { WallClient } from './types.js';
import { WS_PATH } from '../../../electron/contract/common/paths.js';
import { backoffDelay, WS_BACKOFF } from '../../../electron/contract/common/backoff.js';

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

type Request =
  | { t: 'get-snapshot' }
  | { t: 'get-state' }
  | { t: 'get-config' }
  | { t: 'command'; command: WallCommand };

export class WebSocketWallApi implements WallClient {
  readonly sendsKeys = true;
  private ws: WebSocket | null = null;
  private nextId = 1;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private connected = false;
  private readonly pending = new Map<number, Pending>();
  private readonly frameListeners = new Set<(frame: WallFrame) => void>();
  private readonly stateListeners = new Set<(state: WallState) => void>();
  private readonly configListeners = new Set<(config: WallConfig) => void>();
  private readonly connectionListeners = new Set<(up: boolean) => void>();

  constructor(private readonly url: string) {
    this.open();
  }

  getSnapshot(): Promise<WallFrame> {
    return this.request({ t: 'get-snapshot' }) as Promise<WallFrame>;
  }

  getState(): Promise<WallState> {
    return this.request({ t: 'get-state' }) as Promise<WallState>;
  }

  /** The wall configuration; the host pushes it again on every change once asked (ask on every (re)connect). */
  getConfig(): Promise<WallConfig> {
    return this.request({ t: 'get-config' }) as Promise<WallConfig>;
  }

  async command(command: WallCommand): Promise<void> {
    await this.request({ t: 'command', command });
  }

  onFrame(listener: (frame: WallFrame) => void): Unsubscribe {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  onState(listener: (state: WallState) => void): Unsubscribe {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onConfig(listener: (config: WallConfig) => void): Unsubscribe {
    this.configListeners.add(listener);
    return () => this.configListeners.delete(listener);
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

  private request(body: Request): Promise<unknown> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('host not connected'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('host did not reply'));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      ws.send(JSON.stringify({ ...body, id } as ClientToHostMessage));
    });
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
      case 'frame':
        for (const l of this.frameListeners) l(msg.frame);
        break;
      case 'state':
        for (const l of this.stateListeners) l(msg.state);
        break;
      case 'config':
        for (const l of this.configListeners) l(msg.config);
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
    const delay = backoffDelay(this.attempt++, WS_BACKOFF);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.open();
    }, delay);
  }
}
