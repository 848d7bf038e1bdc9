import { describe, expect, it } from 'vitest';
import type { Language, LinkState } from '../../../electron/contract/index.js';
import { translator } from './translator.js';
import {
  LINK_GRACE_MS,
  attemptInOutage,
  bannerKind,
  bannerText,
  formatDuration,
  isRestored,
  isStale,
  type LinkInput,
} from '../../../renderer/src/wall/link-status.js';
import { rotationStatus, toastText, toastTone } from '../../../renderer/src/wall/texts.js';
import { formatDataTime, formatHourMinute } from '../../../renderer/src/stores/clock.js';

const vi = translator('vi');
const en = translator('en');

const TZ = 'Asia/Ho_Chi_Minh';
// 2026-11-25 10:41:57 in Ho Chi Minh City (UTC+7).
const LAST = Date.UTC(2026, 10, 25, 3, 41, 57);
const T0 = LAST + 60_000;

function link(over: Partial<LinkState> = {}): LinkState {
  return { status: 'connected', broker: 'mqtt://b', demo: false, lastMessageAt: LAST, since: T0 - 3600_000, reconnects: 0, lastError: null, ...over };
}
function input(over: Partial<LinkInput> = {}): LinkInput {
  return { link: link(), hostConnected: true, hostDownSince: null, hostNow: T0, localNow: T0, ...over };
}

describe('banner: when', () => {
  it('never for a connected link or before any frame', () => {
    expect(bannerKind(input())).toBe('none');
    expect(bannerKind(input({ link: null }))).toBe('none');
  });

  it('a dropped link shows only after the grace period (flapping never shows)', () => {
    const down = link({ status: 'reconnecting', since: T0 });
    expect(bannerKind(input({ link: down, hostNow: T0 + 500 }))).toBe('none');
    expect(bannerKind(input({ link: down, hostNow: T0 + LINK_GRACE_MS - 1 }))).toBe('none');
    expect(bannerKind(input({ link: down, hostNow: T0 + LINK_GRACE_MS }))).toBe('broker');
    expect(isStale(input({ link: down, hostNow: T0 + 10_000 }))).toBe(true);
    // back within the grace period: since moved, connected → nothing
    expect(bannerKind(input({ link: link({ since: T0 + 1500 }), hostNow: T0 + 3000 }))).toBe('none');
    expect(bannerKind(input({ link: link({ status: 'offline', since: T0 }), hostNow: T0 + 2500 }))).toBe('broker');
  });

  it('restored data (journal, before any broker connection) is stale at once', () => {
    const restored = link({ status: 'connecting', since: T0, lastMessageAt: LAST });
    expect(isRestored(restored)).toBe(true);
    expect(bannerKind(input({ link: restored, hostNow: T0 + 10 }))).toBe('broker');
    // a first start with no data waits for the grace period like any drop
    const fresh = link({ status: 'connecting', since: T0, lastMessageAt: null });
    expect(isRestored(fresh)).toBe(false);
    expect(bannerKind(input({ link: fresh, hostNow: T0 + 10 }))).toBe('none');
    expect(bannerKind(input({ link: fresh, hostNow: T0 + 2000 }))).toBe('broker');
  });

  it('a lost host connection shows the host banner after the grace period', () => {
    expect(bannerKind(input({ hostConnected: false, hostDownSince: T0, localNow: T0 + 1000 }))).toBe('none');
    expect(bannerKind(input({ hostConnected: false, hostDownSince: T0, localNow: T0 + 2000 }))).toBe('host');
    expect(bannerKind(input({ hostConnected: false, hostDownSince: null, localNow: T0 + 9000 }))).toBe('none');
  });
});

describe('banner: what', () => {
  const time = (lang: Language) => (ms: number) => formatDataTime(ms, T0, TZ, lang === 'en' ? 'en-GB' : 'vi-VN');
  const hhmm = (lang: Language) => (ms: number) => formatHourMinute(ms, TZ, lang === 'en' ? 'en-GB' : 'vi-VN');
  const age = 3 * 60_000 + 12_000;

  it('says how old the data is, in both languages, in the wall time zone', () => {
    const l = link({ status: 'offline', since: LAST + 1000 });
    const a = { kind: 'broker' as const, link: l, hostNow: LAST + age, outage: null, attempt: 1 };
    const tv = bannerText({ ...a, lang: 'vi', time: time('vi'), hhmm: hhmm('vi') }, vi);
    expect(tv.title).toBe('MẤT KẾT NỐI');
    expect(`${tv.title} — ${tv.data}`).toBe('MẤT KẾT NỐI — dữ liệu lúc 10:41:57 (3 phút 12 giây trước)');
    expect(tv.retry).toBe('');
    const te = bannerText({ ...a, lang: 'en', time: time('en'), hhmm: hhmm('en') }, en);
    expect(`${te.title} — ${te.data}`).toBe('CONNECTION LOST — data as of 10:41:57 (3 min 12 s ago)');
  });

  it('no data yet, reconnect attempts, outage mode', () => {
    const l = link({ status: 'connecting', since: T0, lastMessageAt: null, reconnects: 4 });
    const o = { active: true, since: Date.UTC(2026, 10, 25, 3, 42, 30) };
    const tv = bannerText({ kind: 'broker', link: l, hostNow: T0, outage: o, attempt: 4, lang: 'vi', time: time('vi'), hhmm: hhmm('vi') }, vi);
    expect(tv.data).toBe('chưa nhận dữ liệu');
    expect(tv.retry).toBe('đang kết nối lại… (lần 4)');
    expect(tv.outage).toBe('Chế độ mất kết nối từ 10:42');
    const te = bannerText({ kind: 'broker', link: { ...l, status: 'reconnecting' }, hostNow: T0, outage: o, attempt: 2, lang: 'en', time: time('en'), hhmm: hhmm('en') }, en);
    expect([te.data, te.retry, te.outage]).toEqual(['no data yet', 'reconnecting… (attempt 2)', 'Outage mode since 10:42']);
    const first = bannerText({ kind: 'broker', link: { ...l, reconnects: 0 }, hostNow: T0, outage: null, attempt: 1, lang: 'en', time: time('en'), hhmm: hhmm('en') }, en);
    expect(first.retry).toBe('connecting…');
    const host = bannerText({ kind: 'host', link: link(), hostNow: T0, outage: null, attempt: 1, lang: 'en', time: time('en'), hhmm: hhmm('en') }, en);
    expect(host.title).toBe('WALL HOST UNREACHABLE');
    expect(host.data).toBe('data as of 10:41:57 (1 min 0 s ago)');
  });

  it('data from another day carries its date', () => {
    const days = formatDataTime(LAST - 2 * 86400_000, T0, TZ, 'vi-VN');
    expect(days).toBe('23/11 10:41:57');
    expect(formatDataTime(LAST, T0, TZ, 'vi-VN')).toBe('10:41:57');
  });

  it('durations', () => {
    expect(formatDuration(12_000, 'vi')).toBe('12 giây');
    expect(formatDuration(192_000, 'en')).toBe('3 min 12 s');
    expect(formatDuration(3 * 3600_000 + 5 * 60_000 + 7_000, 'vi')).toBe('3 giờ 5 phút');
    expect(formatDuration(2 * 86400_000 + 3 * 3600_000, 'en')).toBe('2 d 3 h');
    expect(formatDuration(-5000, 'en')).toBe('0 s');
  });

  it('reconnect attempts count from the drop this window saw', () => {
    expect(attemptInOutage(7, null)).toBe(7);
    expect(attemptInOutage(7, 5)).toBe(2);
    expect(attemptInOutage(5, 5)).toBe(1);
    expect(attemptInOutage(0, 9)).toBe(1); // the host restarted its count
  });

  it('rotation held by the outage says so', () => {
    const r = { available: true, enabled: true, hold: 'outage' as const, nextSwitchAt: null };
    expect(rotationStatus(r, T0, vi).reason).toBe('đang mất kết nối');
    expect(rotationStatus(r, T0, en).reason).toBe('link down');
  });

  it('outage toasts', () => {
    expect(toastText({ kind: 'outage', active: true }, 'vi', vi)).toContain('Mất kết nối');
    expect(toastText({ kind: 'outage', active: false }, 'en', en)).toBe('Link back — outage mode ended');
    expect(toastTone({ kind: 'outage', active: true })).toBe('warn');
    expect(toastTone({ kind: 'outage', active: false })).toBe('info');
  });
});
