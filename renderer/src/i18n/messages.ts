import type { Category, LinkStatus, Severity, SiteStatus } from '../../../electron/contract/index.js';

interface Messages {
  centre: string;
  centreShort: string;
  dataAsOf: string;
  noData: string;
  ageSeconds: string;
  ageMinutes: string;
  ageHours: string;
  hostDown: string;
  hostDownDetail: string;
  demo: string;
  broker: string;
  link: Record<LinkStatus | 'unknown', string>;
  category: Record<Category, string>;
  severity: Record<Severity, string>;
  status: Record<SiteStatus, string>;
  counters: { title: string; today: string; year: string; eps: string; perSecond: string; total: string };
  timeline: { title: string; lastHour: string; last24h: string; outage: string; eventsLastHour: string };
  map: { title: string; inset: string; cluster: string };
  ticker: { title: string; empty: string; src: string };
  endpoints: { title: string; edr: string; antivirus: string; infected: string; of: string; machines: string; sitesReporting: string };
  sensors: { title: string; online: string; offline: string; unknown: string; dark: string; allOk: string; never: string; accepted: string; rejected: string; ingest: string };
  top: { signatures: string; sources: string; empty: string };
  language: string;
}

const vi: Messages = {
  centre: 'Trung tâm Giám sát An toàn thông tin Kiên Giang',
  centreShort: 'SOC Kiên Giang',
  dataAsOf: 'Dữ liệu lúc {time}',
  noData: 'Chưa có dữ liệu',
  ageSeconds: '{n} giây trước',
  ageMinutes: '{n} phút trước',
  ageHours: '{n} giờ trước',
  hostDown: 'MẤT KẾT NỐI TỚI MÁY CHỦ',
  hostDownDetail: 'Số liệu trên màn hình là dữ liệu cũ — đang kết nối lại…',
  demo: 'DEMO',
  broker: 'Máy chủ MQTT',
  link: { connecting: 'Đang kết nối', connected: 'Đã kết nối', reconnecting: 'Đang kết nối lại', offline: 'Mất kết nối', unknown: 'Không rõ' },
  category: {
    scan: 'Quét/dò quét',
    spoof: 'Giả mạo',
    malware: 'Mã độc',
    combined: 'Tấn công tổng hợp',
    targeted: 'Tấn công có chủ đích',
    policy: 'Vi phạm chính sách',
    other: 'Khác',
  },
  severity: { low: 'Thấp', medium: 'Trung bình', high: 'Cao', critical: 'Nghiêm trọng' },
  status: { unknown: 'Không rõ', quiet: 'Bình thường', attacked: 'Bị tấn công', critical: 'Nghiêm trọng', offline: 'Mất kết nối' },
  counters: { title: 'Tấn công đã ngăn chặn', today: 'Hôm nay', year: 'Năm {year}', eps: 'Sự kiện/giây', perSecond: '/giây', total: 'Tổng' },
  timeline: { title: 'Diễn biến tấn công', lastHour: '60 phút qua (theo giây)', last24h: '24 giờ qua (theo phút)', outage: 'Mất kết nối', eventsLastHour: '{n} sự kiện/giờ' },
  map: { title: 'Bản đồ đơn vị', inset: 'Trung tâm Rạch Giá', cluster: '{n}' },
  ticker: { title: 'Sự cố mức cao', empty: 'Chưa có sự cố mức cao', src: 'Nguồn' },
  endpoints: { title: 'Máy trạm', edr: 'EDR', antivirus: 'Phòng chống mã độc', infected: 'Máy nhiễm mã độc', of: 'trên {n}', machines: 'máy', sitesReporting: '{n} đơn vị báo cáo' },
  sensors: {
    title: 'Tình trạng cảm biến',
    online: 'Hoạt động',
    offline: 'Mất kết nối',
    unknown: 'Không rõ',
    dark: 'Đơn vị mất tín hiệu',
    allOk: 'Mọi đơn vị đều đang gửi dữ liệu',
    never: 'chưa từng gửi',
    accepted: 'Nhận',
    rejected: 'Từ chối',
    ingest: 'Tiếp nhận',
  },
  top: { signatures: 'Dấu hiệu hàng đầu', sources: 'Nguồn tấn công hàng đầu', empty: '—' },
  language: 'Tiếng Việt',
};

const en: Messages = {
  centre: 'Kien Giang Cyber Security Monitoring Center',
  centreShort: 'Kien Giang SOC',
  dataAsOf: 'Data as of {time}',
  noData: 'No data yet',
  ageSeconds: '{n} s ago',
  ageMinutes: '{n} min ago',
  ageHours: '{n} h ago',
  hostDown: 'WALL HOST UNREACHABLE',
  hostDownDetail: 'Figures on screen are stale — reconnecting…',
  demo: 'DEMO',
  broker: 'MQTT broker',
  link: { connecting: 'Connecting', connected: 'Connected', reconnecting: 'Reconnecting', offline: 'Offline', unknown: 'Unknown' },
  category: {
    scan: 'Scanning',
    spoof: 'Spoofing',
    malware: 'Malware',
    combined: 'Combined attacks',
    targeted: 'Targeted attacks',
    policy: 'Policy violations',
    other: 'Other',
  },
  severity: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
  status: { unknown: 'Unknown', quiet: 'Quiet', attacked: 'Under attack', critical: 'Critical', offline: 'Offline' },
  counters: { title: 'Attacks prevented', today: 'Today', year: 'Year {year}', eps: 'Events/s', perSecond: '/s', total: 'Total' },
  timeline: { title: 'Attack timeline', lastHour: 'Last 60 min (per second)', last24h: 'Last 24 h (per minute)', outage: 'Link down', eventsLastHour: '{n} events/hour' },
  map: { title: 'Site map', inset: 'Central Rạch Giá', cluster: '{n}' },
  ticker: { title: 'High-severity incidents', empty: 'No high-severity incidents yet', src: 'Source' },
  endpoints: { title: 'Workstations', edr: 'EDR', antivirus: 'Antivirus', infected: 'Infected machines', of: 'of {n}', machines: 'machines', sitesReporting: '{n} sites reporting' },
  sensors: {
    title: 'Sensor health',
    online: 'Online',
    offline: 'Offline',
    unknown: 'Unknown',
    dark: 'Dark sites',
    allOk: 'Every site is reporting',
    never: 'never reported',
    accepted: 'Accepted',
    rejected: 'Rejected',
    ingest: 'Ingest',
  },
  top: { signatures: 'Top signatures', sources: 'Top sources', empty: '—' },
  language: 'English',
};

export const messages = { vi, en };
export type MessageSchema = Messages;
