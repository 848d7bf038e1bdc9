// The toasts of the alarm keys: which message, with which parameters, and their tone.
import { describe, expect, it } from 'vitest';
import type { ToastMessage } from '../../../electron/contract/index.js';
import { toastText, toastTone, type Translate } from '../../../renderer/src/wall/texts.js';
import { translator } from './translator.js';

/** Shows which key and parameters were asked for. */
const t: Translate = (key, params) => key + JSON.stringify(params ?? {});
const UNTIL = Date.parse('2026-11-25T04:35:00Z');
const clock = (ms: number) => `@${ms}`;

describe('alarm toasts', () => {
  it('acknowledged: the count', () => {
    expect(toastText({ kind: 'alarms-acknowledged', count: 3 }, 'vi', t)).toBe('wall.acknowledged{"n":3}');
    expect(toastText({ kind: 'alarms-acknowledged', count: 1 }, 'en', t)).toBe('wall.acknowledged{"n":1}');
  });

  it('shelved: the alarm and until when, through the wall clock formatter', () => {
    expect(toastText({ kind: 'alarm-shelved', id: 42, until: UNTIL }, 'vi', t, clock)).toBe(`wall.shelved{"id":42,"time":"@${UNTIL}"}`);
    // Without a formatter: hh:mm (UTC) of the time.
    expect(toastText({ kind: 'alarm-shelved', id: 42, until: UNTIL }, 'vi', t)).toBe('wall.shelved{"id":42,"time":"04:35"}');
  });

  it('no alarm', () => {
    expect(toastText({ kind: 'no-alarm' }, 'vi', t)).toBe('wall.noAlarm{}');
  });

  it('muted until a time, and unmuted when until is null', () => {
    expect(toastText({ kind: 'muted', until: UNTIL }, 'en', t, clock)).toBe(`wall.muted{"time":"@${UNTIL}"}`);
    expect(toastText({ kind: 'muted', until: null }, 'en', t, clock)).toBe('wall.unmuted{}');
  });

  it('reads in both languages with the real messages', () => {
    const vi = translator('vi');
    const en = translator('en');
    const hhmm = () => '11:35';
    expect(toastText({ kind: 'alarms-acknowledged', count: 2 }, 'en', en)).toBe('2 alarm(s) acknowledged');
    expect(toastText({ kind: 'alarms-acknowledged', count: 2 }, 'vi', vi)).toBe('Đã xác nhận 2 cảnh báo');
    expect(toastText({ kind: 'alarm-shelved', id: 7, until: UNTIL }, 'en', en, hhmm)).toBe('Alarm #7 shelved until 11:35');
    expect(toastText({ kind: 'alarm-shelved', id: 7, until: UNTIL }, 'vi', vi, hhmm)).toBe('Đã tạm gác cảnh báo #7 đến 11:35');
    expect(toastText({ kind: 'no-alarm' }, 'en', en)).toBe('No alarm to act on');
    expect(toastText({ kind: 'muted', until: UNTIL }, 'vi', vi, hhmm)).toBe('Đã tắt âm thanh đến 11:35');
    expect(toastText({ kind: 'muted', until: null }, 'en', en, hhmm)).toBe('Sound back on');
    expect(toastText({ kind: 'report-written', file: 'handover-x.pdf' }, 'vi', vi)).toBe('Đã lập báo cáo bàn giao ca');
    expect(toastText({ kind: 'report-written', file: 'handover-x.pdf' }, 'en', en)).toBe('Hand-over report written');
    expect(toastText({ kind: 'report-failed' }, 'vi', vi)).toBe('Không lập được báo cáo bàn giao — xem nhật ký');
    expect(toastText({ kind: 'report-failed' }, 'en', en)).toBe('Hand-over report not written — see the log');
  });

  it('only "no alarm" and a report not written are warnings among them', () => {
    const tones = (
      [
        { kind: 'no-alarm' },
        { kind: 'alarms-acknowledged', count: 1 },
        { kind: 'alarm-shelved', id: 1, until: UNTIL },
        { kind: 'muted', until: UNTIL },
        { kind: 'muted', until: null },
        { kind: 'report-written', file: 'r.pdf' },
        { kind: 'report-failed' },
      ] satisfies ToastMessage[]
    ).map((m) => toastTone(m));
    expect(tones).toEqual(['warn', 'info', 'info', 'info', 'info', 'info', 'warn']);
  });
});
