// Broker-link and host-link status as the wall shows it: when the "connection lost" banner
// appears, what it says, and when figures are marked stale. Pure: Node unit tests reach
// every rule (tests/unit/renderer/link-status.test.ts).
import type { Language, LinkState, WallState } from '../../../electron/contract/index.js';
import type { Translate } from './texts.js';

/** A link that comes back within this time never shows the banner (flapping). */
export const LINK_GRACE_MS = 2000;

export type BannerKind = 'none' | 'broker' | 'host';

export interface LinkInput {
  /** The broker link of the newest frame, or null before any frame. */
  link: LinkState | null;
  /** The window's connection to the wall host (WebSocket / IPC). */
  hostConnected: boolean;
  /** Local epoch ms since the host connection went down, or null while up. */
  hostDownSince: number | null;
  /** The host's clock now (skew-corrected). */
  hostNow: number;
  /** The window's own clock now. */
  localNow: number;
}

/**
 * Restored data: the process started (never connected since) with a last message time from
 * before its start, i.e. figures from the journal. Stale at once, no grace period.
 */
export function isRestored(link: LinkState): boolean {
  return link.status === 'connecting' && link.lastMessageAt !== null && link.lastMessageAt < link.since;
}

/**
 * Which banner a window shows. The host connection comes first (nothing on screen updates);
 * then the broker link, once it has been down longer than the grace period (or at once for
 * restored data).
 */
export function bannerKind(i: LinkInput, graceMs: number = LINK_GRACE_MS): BannerKind {
  if (!i.hostConnected) {
    return i.hostDownSince !== null && i.localNow - i.hostDownSince >= graceMs ? 'host' : 'none';
  }
  const l = i.link;
  if (!l || l.status === 'connected') return 'none';
  if (isRestored(l)) return 'broker';
  return i.hostNow - l.since >= graceMs ? 'broker' : 'none';
}

/** Figures on screen are last-known, not live. */
export function isStale(i: LinkInput, graceMs: number = LINK_GRACE_MS): boolean {
  return bannerKind(i, graceMs) !== 'none';
}

/** "3 phút 12 giây" / "3 min 12 s" (two largest units; days for a journal restored after a long stop). */
export function formatDuration(ms: number, lang: Language, units: 1 | 2 = 2): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const u =
    lang === 'en'
      ? { d: 'd', h: 'h', m: 'min', s: 's' }
      : { d: 'ngày', h: 'giờ', m: 'phút', s: 'giây' };
  if (units === 1) {
    if (d > 0) return `${d} ${u.d}`;
    if (h > 0) return `${h} ${u.h}`;
    if (m > 0) return `${m} ${u.m}`;
    return `${s} ${u.s}`;
  }
  if (d > 0) return `${d} ${u.d} ${h} ${u.h}`;
  if (h > 0) return `${h} ${u.h} ${m} ${u.m}`;
  if (m > 0) return `${m} ${u.m} ${s} ${u.s}`;
  return `${s} ${u.s}`;
}

/**
 * Reconnect attempts in the current outage: the link's cumulative count minus the count when
 * this window saw the link drop (all of them when it did not see the drop), at least 1.
 */
export function attemptInOutage(reconnects: number, baseline: number | null): number {
  const n = baseline === null || baseline > reconnects ? reconnects : reconnects - baseline;
  return Math.max(1, n);
}

export interface BannerText {
  /** "MẤT KẾT NỐI" / "CONNECTION LOST" (or the host variant). */
  title: string;
  /** "dữ liệu lúc 10:41:57 (3 phút 12 giây trước)", or "chưa nhận dữ liệu". */
  data: string;
  /** "đang kết nối lại… (lần 4)", or empty. */
  retry: string;
  /** "Chế độ mất kết nối từ 10:42", or empty. */
  outage: string;
}

export interface BannerTextInput {
  kind: Exclude<BannerKind, 'none'>;
  link: LinkState | null;
  hostNow: number;
  outage: WallState['outage'] | null;
  /** Reconnect attempts in this outage (see attemptInOutage). */
  attempt: number;
  lang: Language;
  /** HH:mm:ss (with the date when not today) of an epoch ms in the wall's time zone. */
  time: (ms: number) => string;
  /** HH:mm of an epoch ms in the wall's time zone. */
  hhmm: (ms: number) => string;
}

export function bannerText(i: BannerTextInput, t: Translate): BannerText {
  const l = i.link;
  const last = l?.lastMessageAt ?? null;
  const data =
    last === null
      ? t('banner.noData')
      : t('banner.dataAsOf', { time: i.time(last), age: formatDuration(i.hostNow - last, i.lang) });
  if (i.kind === 'host') {
    return { title: t('banner.hostLost'), data, retry: t('banner.hostRetry'), outage: '' };
  }
  const retrying = l !== null && (l.status === 'reconnecting' || (l.status === 'connecting' && l.reconnects > 0));
  return {
    title: t('banner.lost'),
    data,
    retry: retrying ? t('banner.reconnecting', { n: i.attempt }) : l?.status === 'connecting' ? t('banner.connecting') : '',
    outage: i.outage?.active ? t('banner.outage', { time: i.outage.since !== null ? i.hhmm(i.outage.since) : '—' }) : '',
  };
}
