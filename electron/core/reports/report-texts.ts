// The hand-over report's words, in both of the wall's languages. Category, severity and
// priority names come from the contract's shared table, as on the wall.
import type { Language } from '../../contract/index.js';

export interface ReportTexts {
  centre: string;
  title: string;
  shift: string;
  period: string;
  writtenAt: string;
  reasonEnd: string;
  reasonNow: string;
  leadOff: string;
  leadOn: string;
  members: string;
  noRoster: string;
  events: string;
  category: string;
  thisShift: string;
  previousShift: string;
  dayBefore: string;
  total: string;
  notKept: string;
  topSites: string;
  topSignatures: string;
  topSources: string;
  site: string;
  signature: string;
  source: string;
  count: string;
  alarms: string;
  priority: string;
  what: string;
  firstSeen: string;
  acknowledgedBy: string;
  ackAfter: string;
  handover: string;
  notAcknowledged: string;
  ackTimes: string;
  raised: string;
  acknowledged: string;
  median: string;
  p95: string;
  longest: string;
  alarmsByHour: string;
  standing: string;
  shelved: string;
  shelvedUntil: string;
  cleared: string;
  suppressed: string;
  floods: string;
  floodStart: string;
  floodEnd: string;
  floodRaised: string;
  floodPeak: string;
  ongoing: string;
  outages: string;
  linkDown: string;
  silentSensors: string;
  from: string;
  to: string;
  duration: string;
  notBack: string;
  sensor: string;
  ingest: string;
  received: string;
  accepted: string;
  rejected: string;
  ignored: string;
  duplicates: string;
  reasons: string;
  none: string;
  note: string;
  alarmsIncomplete: string;
  outagesIncomplete: string;
  more: string;
  page: string;
  hours: string;
  minutes: string;
  seconds: string;
}

export const REPORT_TEXTS: Readonly<Record<Language, ReportTexts>> = {
  vi: {
    centre: 'Trung tâm Giám sát An toàn thông tin Kiên Giang',
    title: 'Báo cáo bàn giao ca',
    shift: 'Ca trực',
    period: 'Thời gian',
    writtenAt: 'Lập lúc {time}',
    reasonEnd: 'Tự động khi hết ca',
    reasonNow: 'Lập theo yêu cầu (phím H) khi ca chưa kết thúc',
    leadOff: 'Trưởng ca bàn giao',
    leadOn: 'Trưởng ca nhận ca',
    members: 'Thành viên',
    noRoster: 'Chưa có lịch trực (shifts.yaml): báo cáo theo ngày',
    events: 'Sự kiện theo loại',
    category: 'Loại',
    thisShift: 'Ca này',
    previousShift: 'Ca trước',
    dayBefore: 'Cùng ca hôm trước',
    total: 'Tổng',
    notKept: 'không có số liệu',
    topSites: 'Đơn vị có nhiều sự kiện nhất',
    topSignatures: 'Dấu hiệu (mức trung bình trở lên)',
    topSources: 'Địa chỉ nguồn (mức trung bình trở lên)',
    site: 'Đơn vị',
    signature: 'Dấu hiệu',
    source: 'Nguồn',
    count: 'Số sự kiện',
    alarms: 'Cảnh báo phát sinh trong ca',
    priority: 'Mức',
    what: 'Loại / dấu hiệu',
    firstSeen: 'Lần đầu',
    acknowledgedBy: 'Xác nhận bởi',
    ackAfter: 'Sau',
    handover: 'Tình trạng khi bàn giao',
    notAcknowledged: 'CHƯA XÁC NHẬN',
    ackTimes: 'Thời gian xác nhận',
    raised: 'Phát sinh',
    acknowledged: 'Đã xác nhận',
    median: 'Trung vị',
    p95: 'P95',
    longest: 'Lâu nhất',
    alarmsByHour: 'Cảnh báo phát sinh theo giờ',
    standing: 'Bàn giao: cảnh báo còn mở',
    shelved: 'Bàn giao: cảnh báo đang tạm gác',
    shelvedUntil: 'tạm gác đến {time} ({who})',
    cleared: 'đã hết lúc {time}',
    suppressed: 'gộp trong bão cảnh báo',
    floods: 'Bão cảnh báo',
    floodStart: 'Bắt đầu',
    floodEnd: 'Kết thúc',
    floodRaised: 'Số cảnh báo',
    floodPeak: 'Cao nhất / 10 phút',
    ongoing: 'đang diễn ra',
    outages: 'Gián đoạn',
    linkDown: 'Mất kết nối với máy chủ MQTT',
    silentSensors: 'Cảm biến im lặng quá thời hạn',
    from: 'Từ',
    to: 'Đến',
    duration: 'Thời lượng',
    notBack: 'chưa trở lại',
    sensor: 'Cảm biến',
    ingest: 'Bản tin nhận trong ca',
    received: 'Đã nhận',
    accepted: 'Chấp nhận',
    rejected: 'Từ chối',
    ignored: 'Bỏ qua',
    duplicates: 'Trùng lặp',
    reasons: 'Lý do từ chối (từ khi tường khởi động)',
    none: 'Không có',
    note: 'Lưu ý',
    alarmsIncomplete: 'Sổ cảnh báo chỉ giữ {n} cảnh báo đã kết thúc gần nhất: cảnh báo đầu ca có thể không có trong danh sách và số liệu.',
    outagesIncomplete: 'Chỉ giữ {n} lần gián đoạn cảm biến gần nhất: gián đoạn đầu ca có thể không có trong danh sách.',
    more: '… và {n} dòng nữa',
    page: 'Trang {n}/{m}',
    hours: '{n} giờ',
    minutes: '{n} phút',
    seconds: '{n} giây',
  },
  en: {
    centre: 'Kien Giang Cyber Security Monitoring Center',
    title: 'Shift hand-over report',
    shift: 'Shift',
    period: 'Period',
    writtenAt: 'Written {time}',
    reasonEnd: 'Written automatically at the end of the shift',
    reasonNow: 'Written on request (key H) before the shift ended',
    leadOff: 'Lead going off',
    leadOn: 'Lead coming on',
    members: 'Members',
    noRoster: 'No shift roster (shifts.yaml): the report covers the day',
    events: 'Events by category',
    category: 'Category',
    thisShift: 'This shift',
    previousShift: 'Previous shift',
    dayBefore: 'Same shift, day before',
    total: 'Total',
    notKept: 'no data',
    topSites: 'Sites with the most events',
    topSignatures: 'Signatures (medium and above)',
    topSources: 'Source addresses (medium and above)',
    site: 'Site',
    signature: 'Signature',
    source: 'Source',
    count: 'Events',
    alarms: 'Alarms raised this shift',
    priority: 'Priority',
    what: 'Category / signature',
    firstSeen: 'First seen',
    acknowledgedBy: 'Acknowledged by',
    ackAfter: 'After',
    handover: 'State at hand-over',
    notAcknowledged: 'NOT ACKNOWLEDGED',
    ackTimes: 'Time to acknowledge',
    raised: 'Raised',
    acknowledged: 'Acknowledged',
    median: 'Median',
    p95: 'P95',
    longest: 'Longest',
    alarmsByHour: 'Alarms raised per hour',
    standing: 'Handed over: open alarms',
    shelved: 'Handed over: shelved alarms',
    shelvedUntil: 'shelved until {time} ({who})',
    cleared: 'cleared at {time}',
    suppressed: 'grouped in a flood',
    floods: 'Alarm floods',
    floodStart: 'Start',
    floodEnd: 'End',
    floodRaised: 'Alarms',
    floodPeak: 'Peak / 10 min',
    ongoing: 'ongoing',
    outages: 'Outages',
    linkDown: 'MQTT broker link down',
    silentSensors: 'Sensors silent past their timeout',
    from: 'From',
    to: 'To',
    duration: 'Duration',
    notBack: 'not back',
    sensor: 'Sensor',
    ingest: 'Messages this shift',
    received: 'Received',
    accepted: 'Accepted',
    rejected: 'Rejected',
    ignored: 'Ignored',
    duplicates: 'Duplicates',
    reasons: 'Rejection reasons (since the wall started)',
    none: 'None',
    note: 'Note',
    alarmsIncomplete: 'The alarm book keeps the newest {n} alarms back to normal: alarms of the shift’s start may be missing from the list and the figures.',
    outagesIncomplete: 'Only the newest {n} sensor outages are kept: outages of the shift’s start may be missing from the list.',
    more: '… and {n} more',
    page: 'Page {n} of {m}',
    hours: '{n} h',
    minutes: '{n} min',
    seconds: '{n} s',
  },
};

/** Fills `{name}` placeholders. */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/gu, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** A duration in the report's words: "45 s", "4 min 30 s" (under 10 min), "1 h 5 min". */
export function durationText(ms: number, t: ReportTexts): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return fill(t.seconds, { n: s });
  if (s < 600) return s % 60 === 0 ? fill(t.minutes, { n: s / 60 }) : `${fill(t.minutes, { n: Math.floor(s / 60) })} ${fill(t.seconds, { n: s % 60 })}`;
  const m = Math.round(s / 60);
  if (m < 60) return fill(t.minutes, { n: m });
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? fill(t.hours, { n: h }) : `${fill(t.hours, { n: h })} ${fill(t.minutes, { n: rest })}`;
}
