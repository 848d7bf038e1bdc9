import { describe, it, expect } from 'vitest';
import { parseIsoTime } from '../../../electron/core/telemetry/time.js';

describe('parseIsoTime', () => {
  it('reads Suricata ±hhmm offsets without a colon', () => {
    expect(parseIsoTime('2017-03-24T22:36:24.497963-0600')).toBe(Date.UTC(2017, 2, 25, 4, 36, 24, 497));
    expect(parseIsoTime('2017-03-24T22:36:24.497963-0600')).toBe(1490416584497);
    expect(parseIsoTime('2022-02-23T19:37:54.876626+0100')).toBe(Date.UTC(2022, 1, 23, 18, 37, 54, 876));
  });

  it('agrees with Date.parse on RFC 3339 forms', () => {
    for (const s of ['2024-02-29T23:59:59.999Z', '2000-01-01T00:00:00+07:00', '1999-12-31T16:00:00-08:00', '2024-05-01T10:00:00.1+05:45', '1970-01-01T00:00:00Z']) {
      expect(parseIsoTime(s), s).toBe(Date.parse(s));
    }
  });

  it('reads a zone-less time as UTC (not local time)', () => {
    expect(parseIsoTime('2019-01-02T03:50:11.315110')).toBe(Date.UTC(2019, 0, 2, 3, 50, 11, 315));
    expect(parseIsoTime('2019-01-02T03:50:11')).toBe(Date.UTC(2019, 0, 2, 3, 50, 11));
  });

  it('rejects everything else with NaN', () => {
    for (const s of ['', '2024', '2024-05-01', '2024-05-01T10:00', '2024-5-01T10:00:00Z', '2024-05-01X10:00:00Z', '2024-05-01T10:00:00ZZ', '2024-05-01T10:00:00+7', '2024-05-01T10:00:00+07:0', '2024-05-01T10:00:00+0760', '2024-00-01T00:00:00Z', '2024-04-31T00:00:00Z', '2100-02-29T00:00:00Z', '0099-01-01T00:00:00Z', '２０２４-05-01T10:00:00Z', '2024-05-01T10:00:00.Z', `2024-05-01T10:00:00.${'1'.repeat(30)}Z`, '2024-05-01T10:00:00 +0700']) {
      expect(parseIsoTime(s), s).toBeNaN();
    }
  });
});
