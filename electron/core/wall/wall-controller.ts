// The driver of the wall's state machine (wall-reducer.ts), owned by the main process: a key
// pressed on any window, a command, the broker link or a new configuration becomes an event;
// the reducer decides; this carries out the effects (save, log, count, check the PIN off the
// main thread), keeps the one timer for the earliest deadline, and tells every window.
import type { KeyPress, Language, WallCommand, WallConfig, WallState } from '../../contract/index.js';
import type { PersistedWallState, WallStatePersistence } from '../wall-core-api.js';
import type { WallLog } from '../log/wall-log.js';
import type { AlarmView } from '../alarms/alarm-book.js';
import { PinGuard } from './pin-guard.js';
import {
  NO_ALARMS,
  claimsKey,
  initialControllerState,
  nextDeadline,
  reduce,
  type ControllerEffect,
  type ControllerEvent,
  type ControllerState,
  type LinkChange,
} from './wall-reducer.js';

/** What the controller asks of the core's alarms (alarms/alarm-desk.ts). */
export interface AlarmDeskPort {
  view(): AlarmView;
  acknowledge(ids: readonly number[], client: string): number;
  shelve(id: number, client: string): { until: number } | null;
}

/** The hand-over report writer as the controller needs it (reports/handover-service.ts). */
export interface ReportWriterPort {
  writeNow(client: string): Promise<{ ok: true; entry: { pdf: string } } | { ok: false; reason: string }>;
}

export interface WallControllerOptions {
  config: WallConfig;
  /** The core's alarms; without them the alarm keys say there is no alarm. */
  alarms?: AlarmDeskPort;
  /** Writes the hand-over report (`H`); without it the key says it could not. */
  reports?: ReportWriterPort;
  /** Appends a wall action to the audit log. */
  audit?: (action: string, fields: Readonly<Record<string, unknown>>) => void;
  language?: Language;
  persistence?: WallStatePersistence;
  pinHash?: string | null;
  now?: () => number;
  log?: WallLog;
  /** Counts a refused command by reason (shown in /metrics): `unlock_wrong_pin`, `unlock_refused`. */
  countRejected?: (reason: string) => void;
}

export class WallController {
  private state: ControllerState;
  private readonly listeners = new Set<(s: WallState) => void>();
  private readonly now: () => number;
  /** Failed unlocks per client and their back-off; the scrypt check runs off the main thread. */
  private readonly pinGuard: PinGuard;
  /** The one timer, and the deadline it was armed for. */
  private timer: NodeJS.Timeout | null = null;
  private timerAt: number | null = null;
  /** The reducer's clock: the wall clock, but never going back (see `clock`). */
  private lastNow: number;
  private stopped = false;
  private dispatching = false;
  private readonly queue: [ControllerEvent, number | undefined][] = [];

  constructor(private readonly options: WallControllerOptions) {
    this.now = options.now ?? Date.now;
    this.pinGuard = new PinGuard({ pinHash: options.pinHash ?? null, now: this.now });
    this.lastNow = this.now();
    this.state = initialControllerState(
      {
        config: options.config,
        saved: safeLoad(options.persistence, options.log),
        language: options.language,
        lockAvailable: Boolean(options.pinHash),
        ...(options.alarms ? { alarms: options.alarms.view() } : {}),
      },
      this.lastNow,
    );
    this.armTimer();
  }

  get(): WallState {
    return this.state.wall;
  }

  subscribe(listener: (s: WallState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Returns true when the key is a wall key. */
  handleKey(press: KeyPress, screen: string): boolean {
    const claimed = claimsKey(this.state, press);
    if (claimed) this.dispatch({ type: 'key', press, screen });
    return claimed;
  }

  /** `client`: who sent it (PIN failures are counted per client). */
  command(command: WallCommand, client = 'local'): void {
    this.dispatch({ type: 'command', command, client });
  }

  /** The broker link, announced by the ingest on every change. */
  noteLink(link: LinkChange): void {
    this.dispatch({ type: 'link', link });
  }

  /** A new valid configuration. */
  applyConfig(config: WallConfig): void {
    this.dispatch({ type: 'config', config });
  }

  /** The core's alarms changed (the frame that carries the change is being sent). */
  noteAlarms(view: AlarmView): void {
    this.dispatch({ type: 'alarms', view });
  }

  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  /**
   * Deadlines are absolute and their timer's wait is taken from this clock, so a wall clock
   * set back (an NTP step, an operator) must not stretch a 60 s dwell into an hour: the clock
   * stands still until the wall clock catches up, and the timer's firing moves it on.
   */
  private clock(atLeast = -Infinity): number {
    this.lastNow = Math.max(this.now(), this.lastNow, atLeast);
    return this.lastNow;
  }

  /**
   * One event at a time: an event an effect raises (an alarm's outcome) waits in the queue
   * until the event before it is reduced, its effects run and every window is told.
   */
  private dispatch(event: ControllerEvent, now?: number): void {
    if (this.stopped) return;
    this.queue.push([event, now]);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) this.step(next[0], next[1] ?? this.clock());
    } finally {
      this.dispatching = false;
      this.queue.length = 0;
    }
  }

  private step(event: ControllerEvent, now: number): void {
    if (this.stopped) return;
    const before = this.state.wall;
    const { state, effects } = reduce(this.state, event, now);
    this.state = state;
    for (const effect of effects) this.run(effect);
    this.armTimer();
    if (state.wall !== before) for (const l of this.listeners) l(state.wall);
  }

  private run(effect: ControllerEffect): void {
    switch (effect.type) {
      case 'persist':
        try {
          this.options.persistence?.save(effect.state);
        } catch (err) {
          this.options.log?.('warn', `could not save the wall state: ${(err as Error).message}`);
        }
        return;
      case 'log':
        this.options.log?.(effect.level, effect.message);
        return;
      case 'count-rejected':
        this.options.countRejected?.(effect.reason);
        return;
      case 'verify-pin':
        void this.pinGuard.attempt(effect.pin, effect.client).then((verdict) => this.dispatch({ type: 'unlock-verdict', verdict, client: effect.client }));
        return;
      case 'audit':
        this.options.audit?.(effect.action, effect.fields);
        return;
      case 'alarm-acknowledge': {
        const desk = this.options.alarms;
        const count = desk?.acknowledge(effect.ids, effect.client) ?? 0;
        this.dispatch({ type: 'alarm-outcome', outcome: count > 0 ? { kind: 'acknowledged', count } : { kind: 'none' }, view: desk?.view() ?? NO_ALARMS });
        return;
      }
      case 'write-report': {
        const reports = this.options.reports;
        if (!reports) {
          this.dispatch({ type: 'report-outcome', file: null });
          return;
        }
        void reports.writeNow(effect.client).then(
          (outcome) => this.dispatch({ type: 'report-outcome', file: outcome.ok ? outcome.entry.pdf : null }),
          () => this.dispatch({ type: 'report-outcome', file: null }),
        );
        return;
      }
      case 'alarm-shelve': {
        const desk = this.options.alarms;
        const shelved = desk?.shelve(effect.id, effect.client) ?? null;
        this.dispatch({ type: 'alarm-outcome', outcome: shelved ? { kind: 'shelved', id: effect.id, until: shelved.until } : { kind: 'none' }, view: desk?.view() ?? NO_ALARMS });
        return;
      }
    }
  }

  /** Keeps one timer, for the earliest deadline the state holds. */
  private armTimer(): void {
    const at = nextDeadline(this.state);
    if (at === this.timerAt) return;
    this.disarm();
    if (at === null || this.stopped) return;
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = null;
      // The timer measured the wait: its deadline has come, whatever the wall clock says.
      this.dispatch({ type: 'tick' }, this.clock(at));
    }, Math.max(0, at - this.lastNow));
    this.timer.unref?.();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = null;
  }
}

function safeLoad(p: WallStatePersistence | undefined, log: WallLog | undefined): Partial<PersistedWallState> | null {
  try {
    return p?.load() ?? null;
  } catch (err) {
    log?.('warn', `could not read the saved wall state, starting fresh: ${(err as Error).message}`);
    return null;
  }
}
