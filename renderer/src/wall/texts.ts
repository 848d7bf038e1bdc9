// Wall texts built from the host's state and configuration, in the current language.
// Pure: `t` is vue-i18n's translate function (or any stand-in in tests).
import type { Language, LocalText, ToastMessage, WallActionName, WallConfig, WallState } from '../../../electron/contract/index.js';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Text in the wall's language, falling back to the other language, else undefined. */
export function localText(text: LocalText | undefined | null, lang: Language): string | undefined {
  if (!text) return undefined;
  const own = text[lang]?.trim();
  if (own) return own;
  const other = text[lang === 'vi' ? 'en' : 'vi']?.trim();
  return other || undefined;
}

export function presetName(config: Pick<WallConfig, 'profile'> | null, preset: number, lang: Language): string | undefined {
  return localText(config?.profile.presets[String(preset)]?.name, lang);
}

export function presetLabel(preset: number, name: string | undefined, t: Translate): string {
  return name ? t('wall.presetNamed', { n: preset, name }) : t('wall.preset', { n: preset });
}

/** `time` formats an epoch ms as the wall's clock time (hh:mm). */
export function toastText(msg: ToastMessage, lang: Language, t: Translate, time: (ms: number) => string = (ms) => new Date(ms).toISOString().slice(11, 16)): string {
  switch (msg.kind) {
    case 'preset':
      return presetLabel(msg.preset, localText(msg.name, lang), t);
    case 'rotation':
      return t(msg.running ? 'wall.rotationRunning' : 'wall.rotationPaused');
    case 'language':
      return t('language');
    case 'locked':
      return t('wall.locked');
    case 'unlocked':
      return t('wall.unlocked');
    case 'unlock-failed':
      return t('wall.unlockFailed');
    case 'lock-unavailable':
      return t('wall.lockUnavailable');
    case 'outage':
      return t(msg.active ? 'wall.outageOn' : 'wall.outageOff');
    case 'config-applied':
      return t('wall.configApplied', { file: msg.file });
    case 'config-rejected':
      return t('wall.configRejected', { file: msg.file });
    case 'alarms-acknowledged':
      return t('wall.acknowledged', { n: msg.count });
    case 'alarm-shelved':
      return t('wall.shelved', { id: msg.id, time: time(msg.until) });
    case 'no-alarm':
      return t('wall.noAlarm');
    case 'muted':
      return msg.until === null ? t('wall.unmuted') : t('wall.muted', { time: time(msg.until) });
    case 'report-written':
      return t('wall.reportWritten');
    case 'report-failed':
      return t('wall.reportFailed');
    default:
      return '';
  }
}

/** Tone of a toast: a warning for refusals and rejected files. */
export function toastTone(msg: ToastMessage): 'info' | 'warn' {
  return msg.kind === 'unlock-failed' || msg.kind === 'lock-unavailable' || msg.kind === 'config-rejected' || msg.kind === 'no-alarm' || msg.kind === 'report-failed' || (msg.kind === 'outage' && msg.active)
    ? 'warn'
    : 'info';
}

export const TOAST_MS = 2500;

/**
 * How long a toast stays on screen from now. A toast that arrives live is shown for the full
 * 2.5 s from receipt (robust to a skewed local clock); one found in the state on (re)connect
 * only for what is left of its 2.5 s after `at`.
 */
export function toastRemainingMs(at: number, now: number, live: boolean): number {
  if (live) return TOAST_MS;
  return Math.max(0, Math.min(TOAST_MS, at + TOAST_MS - now));
}

/** What a key does, for the help overlay. */
export function actionText(action: WallActionName, config: Pick<WallConfig, 'profile'> | null, lang: Language, t: Translate): string {
  const m = /^preset:(\d+)$/.exec(action);
  if (m) {
    const n = Number(m[1]);
    const name = presetName(config, n, lang);
    return name ? t('actions.presetNamed', { n, name }) : t('actions.preset', { n });
  }
  return t(`actions.${action}`);
}

/** How a key cap is labelled: short names that fit a cap (the combination itself is unchanged). */
const CAP_LABELS: Readonly<Record<string, string>> = { PageDown: 'PgDn', PageUp: 'PgUp', ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc' };

export function capLabel(cap: string): string {
  return CAP_LABELS[cap] ?? cap;
}

/** A key combination as key caps: "Ctrl+PageDown" → ["Ctrl", "PageDown"]; "Ctrl++" → ["Ctrl", "+"]. */
export function keyCaps(combo: string): string[] {
  const parts = combo.split('+');
  const caps: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] ?? '';
    if (p === '') {
      if (i === parts.length - 1 || parts[i + 1] === '') {
        caps.push('+');
        i++;
      }
      continue;
    }
    caps.push(p);
  }
  return caps;
}

export interface RotationStatus {
  /** 'running', 'paused', or 'off' (no playlist). */
  mode: 'running' | 'paused' | 'off';
  label: string;
  /** Why it is paused (empty when running or off). */
  reason: string;
  /** Whole seconds to the next switch, or null. */
  seconds: number | null;
}

export function rotationStatus(rotation: WallState['rotation'], hostNow: number, t: Translate): RotationStatus {
  const seconds = rotation.nextSwitchAt === null ? null : Math.max(0, Math.ceil((rotation.nextSwitchAt - hostNow) / 1000));
  if (!rotation.available) return { mode: 'off', label: t('rotation.off'), reason: '', seconds: null };
  if (rotation.enabled && rotation.hold === 'none') return { mode: 'running', label: t('rotation.running'), reason: '', seconds };
  const hold = rotation.hold === 'none' ? (rotation.enabled ? 'none' : 'off') : rotation.hold;
  const reason = t(`rotation.hold.${hold}`);
  return { mode: 'paused', label: t('rotation.paused'), reason, seconds };
}

/** "file:line:column" of a configuration error (line and column when known). */
export function errorLine(e: { file: string; line: number | null; column: number | null }): { where: string } {
  let where = e.file;
  if (e.line !== null) where += `:${e.line}`;
  if (e.line !== null && e.column !== null) where += `:${e.column}`;
  return { where };
}
