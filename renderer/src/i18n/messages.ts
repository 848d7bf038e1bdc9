import type { AlarmPriority, AlarmState, Category, LinkStatus, Severity, SiteStatus } from '../../../electron/contract/index.js';
import { CATEGORY_NAMES, PRIORITY_NAMES, SEVERITY_NAMES } from '../../../electron/contract/common/taxonomy-names.js';

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
  sensors: {
    title: string; online: string; offline: string; unknown: string; dark: string; allOk: string; never: string;
    accepted: string; rejected: string; ingest: string; noneDark: string; neverReported: string; more: string;
    silentTitle: string; down: string; tamper: string; tamperTitle: string; moreSources: string;
    forwardersTitle: string; queued: string; stopping: string; forwarderTitle: string;
  };
  watch: Record<'warning' | 'critical' | 'tamper', string>;
  top: { signatures: string; sources: string; empty: string };
  origins: {
    title: string; countries: string; operators: string; hour: string; day: string; internal: string; unknown: string;
    notAttribution: string; legend: string; none: string; noData: string; domestic: string; mapLabel: string;
  };
  attack: {
    title: string; tactic: string; hour: string; day: string; sites: string; progression: string; progressionTag: string;
    progressionDetail: string; techniques: string; none: string; sources: string; calm: string; mapLegend: string;
  };
  language: string;
  wall: {
    preset: string; presetNamed: string; rotationRunning: string; rotationPaused: string;
    locked: string; unlocked: string; unlockFailed: string; lockUnavailable: string;
    configApplied: string; configRejected: string; lockedBadge: string; outageOn: string; outageOff: string;
    acknowledged: string; shelved: string; noAlarm: string; muted: string; unmuted: string; reportWritten: string; reportFailed: string;
  };
  actions: Record<
    | 'preset' | 'presetNamed' | 'next-preset' | 'previous-preset' | 'toggle-rotation' | 'focus-next' | 'unfocus' | 'toggle-help' | 'toggle-language' | 'toggle-lock'
    | 'alarm-acknowledge' | 'alarm-acknowledge-shown' | 'alarm-select-next' | 'alarm-select-previous' | 'alarm-shelve' | 'toggle-mute' | 'write-report',
    string
  >;
  rotation: { running: string; paused: string; off: string; next: string; hold: Record<'user' | 'activity' | 'hand-preset' | 'outage' | 'alarm' | 'none' | 'off', string> };
  priority: Record<AlarmPriority, string>;
  alarmState: Record<AlarmState | 'shelved', string>;
  alarms: {
    title: string; none: string; standing: string; unack: string; shelvedCount: string; more: string; count: string; since: string; selected: string;
    flood: string; grouped: string; muted: string; soundBlocked: string; source: string; firstSeen: string; lastSeen: string;
    critical: string; shift: string; ackBy: string; shelvedUntil: string; detailTitle: string; badge: string; floodRate: string; raised10m: string;
  };
  help: { undefined: string; title: string; close: string; preset: string; rotation: string; noKeys: string; keysFrom: string; presets: string };
  focus: { hint: string };
  pin: { title: string; hint: string; label: string };
  config: { title: string; keepsLast: string; source: string; at: string };
  layout: { unknownPanel: string; missingScreen: string; missingPreset: string; missingLayout: string; hint: string };
  banner: { lost: string; hostLost: string; dataAsOf: string; noData: string; reconnecting: string; connecting: string; hostRetry: string; outage: string };
  stale: { tag: string };
  contacts: { title: string; empty: string; more: string };
  kpi: { title: string; normal: string; warning: string; critical: string; none: string; stale: string; at: string };
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
  category: { ...CATEGORY_NAMES.vi },
  severity: { ...SEVERITY_NAMES.vi },
  status: { unknown: 'Không rõ', quiet: 'Bình thường', attacked: 'Bị tấn công', critical: 'Nghiêm trọng', offline: 'Mất kết nối' },
  counters: { title: 'Tấn công đã ngăn chặn', today: 'Hôm nay', year: 'Năm {year}', eps: 'Sự kiện/giây', perSecond: '/giây', total: 'Tổng' },
  timeline: { title: 'Diễn biến tấn công', lastHour: '60 phút qua (theo giây)', last24h: '24 giờ qua (theo phút)', outage: 'Mất kết nối', eventsLastHour: '{n} sự kiện/giờ' },
  map: { title: 'Bản đồ đơn vị', inset: 'TP Rạch Giá', cluster: '{n}' },
  ticker: { title: 'Sự cố mức cao', empty: 'Chưa có sự cố mức cao', src: 'Nguồn' },
  endpoints: { title: 'Máy trạm', edr: 'EDR', antivirus: 'Diệt virus', infected: 'Máy nhiễm mã độc', of: 'trên {n}', machines: 'máy', sitesReporting: '{n} đơn vị báo cáo' },
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
    noneDark: 'Không có đơn vị nào mất tín hiệu',
    neverReported: 'Chưa từng gửi dữ liệu',
    more: '+{n} đơn vị khác',
    silentTitle: 'Nguồn im lặng',
    down: 'giảm {n} %',
    tamper: 'nghi can thiệp',
    tamperTitle: 'Im lặng ngay sau cảnh báo mức cao: dấu hiệu cảm biến bị can thiệp',
    moreSources: '+{n} nguồn khác',
    forwardersTitle: 'Bộ chuyển tiếp trục trặc',
    queued: '{n} chờ gửi',
    stopping: 'đang dừng',
    forwarderTitle: 'Bộ chuyển tiếp của cảm biến này báo trục trặc: hàng đợi ùn lại, sắp đầy, hoặc tệp nhật ký đang theo dõi không còn',
  },
  watch: {
    warning: 'Cảm biến {sensor}: lưu lượng giảm',
    critical: 'Cảm biến {sensor}: im lặng hoặc giảm mạnh',
    tamper: 'Cảm biến {sensor}: im lặng sau cảnh báo cao, nghi bị can thiệp',
  },
  top: { signatures: 'Dấu hiệu hàng đầu', sources: 'Nguồn tấn công hàng đầu', empty: '—' },
  origins: {
    title: 'Nguồn tấn công',
    countries: 'Quốc gia',
    operators: 'Nhà mạng (ASN)',
    hour: '1 giờ',
    day: '24 giờ',
    internal: 'Nội bộ',
    unknown: 'Không xác định',
    notAttribution: 'Vị trí địa chỉ IP, không phải thủ phạm',
    legend: 'Sự kiện trong 1 giờ',
    none: 'Chưa có sự kiện từ bên ngoài',
    noData: 'Không có cơ sở dữ liệu địa chỉ IP',
    domestic: 'trong nước',
    mapLabel: 'Bản đồ thế giới: quốc gia tô màu theo số sự kiện trong 1 giờ',
  },
  attack: {
    title: 'Giai đoạn tấn công (ATT&CK)',
    tactic: 'Chiến thuật',
    hour: '1 giờ',
    day: '24 giờ',
    sites: 'Đơn vị',
    progression: 'Nghi tấn công nhiều giai đoạn',
    mapLegend: 'Nhiều giai đoạn',
    progressionTag: '{n} giai đoạn',
    progressionDetail: '{n} chiến thuật trong 1 giờ',
    techniques: 'Kỹ thuật',
    none: 'Chưa có sự kiện gắn chiến thuật',
    sources: '{tagged} theo cảm biến · {mapped} theo ánh xạ',
    calm: 'Không đơn vị nào có từ 3 chiến thuật trong 1 giờ',
  },
  language: 'Tiếng Việt',
  wall: {
    preset: 'Bộ hiển thị {n}',
    presetNamed: 'Bộ hiển thị {n} — {name}',
    rotationRunning: 'Đã bật xoay vòng',
    rotationPaused: 'Đã tạm dừng xoay vòng',
    locked: 'Đã khoá kiosk',
    unlocked: 'Đã mở khoá kiosk',
    unlockFailed: 'Sai mã PIN — tường vẫn khoá',
    lockUnavailable: 'Chưa đặt mã PIN — không thể khoá kiosk',
    configApplied: 'Đã áp dụng cấu hình: {file}',
    configRejected: 'Cấu hình bị từ chối: {file}',
    lockedBadge: 'Đã khoá',
    outageOn: 'Mất kết nối kéo dài — chuyển sang bộ hiển thị sự cố',
    outageOff: 'Đã kết nối lại — thoát chế độ mất kết nối',
    acknowledged: 'Đã xác nhận {n} cảnh báo',
    shelved: 'Đã tạm gác cảnh báo #{id} đến {time}',
    noAlarm: 'Không có cảnh báo nào cần xử lý',
    muted: 'Đã tắt âm thanh đến {time}',
    unmuted: 'Đã bật lại âm thanh',
    reportWritten: 'Đã lập báo cáo bàn giao ca',
    reportFailed: 'Không lập được báo cáo bàn giao — xem nhật ký',
  },
  actions: {
    preset: 'Chuyển cả tường sang bộ hiển thị {n}',
    presetNamed: 'Chuyển cả tường sang bộ hiển thị {n} — {name}',
    'next-preset': 'Bộ hiển thị tiếp theo',
    'previous-preset': 'Bộ hiển thị trước',
    'toggle-rotation': 'Dừng / tiếp tục xoay vòng',
    'focus-next': 'Phóng to khung tiếp theo',
    unfocus: 'Thoát phóng to / đóng',
    'toggle-help': 'Bật / tắt bảng phím này',
    'toggle-language': 'Tiếng Việt / English',
    'toggle-lock': 'Khoá / mở kiosk (PIN)',
    'alarm-acknowledge': 'Xác nhận cảnh báo đang chọn',
    'alarm-acknowledge-shown': 'Xác nhận mọi cảnh báo hiện',
    'alarm-select-next': 'Chọn cảnh báo bên dưới',
    'alarm-select-previous': 'Chọn cảnh báo bên trên',
    'alarm-shelve': 'Tạm gác: 1 giờ / 4 giờ / hết ca',
    'toggle-mute': 'Tắt tiếng 5 phút / bật lại',
    'write-report': 'Lập báo cáo bàn giao ca',
  },
  rotation: {
    running: 'Xoay vòng',
    paused: 'Tạm dừng',
    off: 'Không xoay vòng',
    next: 'chuyển sau {n} giây',
    hold: { off: 'Space — bật', none: '', user: 'trưởng ca dừng', activity: 'đang thao tác phím', 'hand-preset': 'giữ bộ chọn tay', outage: 'đang mất kết nối', alarm: 'đang có cảnh báo khẩn' },
  },
  priority: { ...PRIORITY_NAMES.vi },
  alarmState: {
    'active-unacknowledged': 'CHƯA XÁC NHẬN',
    'active-acknowledged': 'Đã xác nhận',
    'cleared-unacknowledged': 'Đã hết — chưa xác nhận',
    shelved: 'Tạm gác',
  },
  alarms: {
    title: 'Cảnh báo',
    none: 'Không có cảnh báo',
    standing: '{n} đang có',
    unack: '{n} chưa xác nhận',
    shelvedCount: '{n} tạm gác',
    more: '+{n} cảnh báo khác',
    count: '{n} sự kiện | {n} sự kiện',
    since: 'từ {time}',
    selected: 'Đang chọn',
    flood: 'BÃO CẢNH BÁO',
    grouped: 'Gộp theo đơn vị:',
    muted: 'ĐÃ TẮT TIẾNG {time}',
    soundBlocked: 'Trình duyệt chặn âm thanh — bấm một phím để bật',
    source: 'Nguồn',
    firstSeen: 'Lần đầu',
    lastSeen: 'Gần nhất',
    critical: 'CẢNH BÁO KHẨN CẤP',
    shift: '{shift} — trưởng ca {lead}',
    ackBy: 'Xác nhận: {lead} lúc {time}',
    shelvedUntil: 'Tạm gác đến {time}',
    detailTitle: 'Cảnh báo #{id}',
    badge: '{n} cảnh báo',
    floodRate: '{rate} trong {min} phút',
    raised10m: '{n} cảnh báo mới trong 10 phút qua',
  },
  help: {
    undefined: 'chưa định nghĩa',
    title: 'Phím điều khiển tường',
    close: 'Đóng',
    preset: 'Đang hiển thị',
    rotation: 'Xoay vòng',
    noKeys: 'Chưa nhận được danh sách phím từ máy chủ',
    keysFrom: 'Phím nhấn trên bất kỳ màn hình nào đều điều khiển cả tường.',
    presets: 'Chuyển cả tường sang bộ hiển thị:',
  },
  focus: { hint: 'Esc — quay lại' },
  pin: { title: 'Nhập mã PIN để mở khoá kiosk', hint: 'Enter — mở khoá · Esc — huỷ', label: 'Mã PIN' },
  config: {
    title: 'Lỗi tệp cấu hình tường',
    keepsLast: 'Tường vẫn giữ phiên bản hợp lệ gần nhất cho đến khi tệp được sửa.',
    source: 'Thư mục cấu hình: {source}',
    at: 'lúc {time}',
  },
  layout: {
    unknownPanel: 'Phiên bản này chưa hiển thị được khung “{kind}”.',
    missingScreen: 'Bộ hiển thị {n} không có bố cục cho màn hình “{screen}”',
    missingPreset: 'Chưa định nghĩa bộ hiển thị {n}',
    missingLayout: 'Không tìm thấy bố cục “{id}”',
    hint: 'Nhấn ? để xem các phím chuyển bộ hiển thị.',
  },
  banner: {
    lost: 'MẤT KẾT NỐI',
    hostLost: 'MẤT KẾT NỐI TỚI MÁY CHỦ TƯỜNG',
    dataAsOf: 'dữ liệu lúc {time} ({age} trước)',
    noData: 'chưa nhận dữ liệu',
    reconnecting: 'đang kết nối lại… (lần {n})',
    connecting: 'đang kết nối…',
    hostRetry: 'đang kết nối lại…',
    outage: 'Chế độ mất kết nối từ {time}',
  },
  stale: { tag: 'Dữ liệu cũ' },
  contacts: { title: 'Liên hệ khi mất kết nối', empty: 'chưa có danh bạ — xem contacts.yaml', more: '+{n} liên hệ nữa' },
  kpi: { title: 'Chỉ số vận hành', normal: 'Bình thường', warning: 'Cảnh báo', critical: 'Nghiêm trọng', none: 'Chưa có số liệu', stale: 'Số liệu cũ', at: 'lúc {time}' },
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
  category: { ...CATEGORY_NAMES.en },
  severity: { ...SEVERITY_NAMES.en },
  status: { unknown: 'Unknown', quiet: 'Quiet', attacked: 'Under attack', critical: 'Critical', offline: 'Offline' },
  counters: { title: 'Attacks prevented', today: 'Today', year: 'Year {year}', eps: 'Events/s', perSecond: '/s', total: 'Total' },
  timeline: { title: 'Attack timeline', lastHour: 'Last 60 min (per second)', last24h: 'Last 24 h (per minute)', outage: 'Link down', eventsLastHour: '{n} event/hour | {n} events/hour' },
  map: { title: 'Site map', inset: 'Rach Gia', cluster: '{n}' },
  ticker: { title: 'High-severity incidents', empty: 'No high-severity incidents yet', src: 'Source' },
  endpoints: { title: 'Workstations', edr: 'EDR', antivirus: 'Antivirus', infected: 'Infected machines', of: 'of {n}', machines: 'machines', sitesReporting: '{n} site reporting | {n} sites reporting' },
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
    noneDark: 'No site has gone dark',
    neverReported: 'Never reported',
    more: '+{n} more site | +{n} more sites',
    silentTitle: 'Silent sources',
    down: 'down {n} %',
    tamper: 'tampering?',
    tamperTitle: 'Silent right after high-severity alerts: what tampering with a sensor looks like',
    moreSources: '+{n} more source | +{n} more sources',
    forwardersTitle: 'Forwarders degraded',
    queued: '{n} queued',
    stopping: 'stopping',
    forwarderTitle: 'The forwarder of this sensor reports trouble: its queue backs up or fills, or a log file it follows is gone',
  },
  watch: {
    warning: 'Sensor {sensor}: volume down',
    critical: 'Sensor {sensor}: silent or far below normal',
    tamper: 'Sensor {sensor}: silent after high alerts, possible tampering',
  },
  top: { signatures: 'Top signatures', sources: 'Top sources', empty: '—' },
  origins: {
    title: 'Attack origins',
    countries: 'Countries',
    operators: 'Operators (ASN)',
    hour: '1 h',
    day: '24 h',
    internal: 'Internal',
    unknown: 'Unknown',
    notAttribution: 'IP location, not attribution',
    legend: 'Events in the last hour',
    none: 'No events from outside yet',
    noData: 'No IP database',
    domestic: 'domestic',
    mapLabel: 'World map: countries shaded by events in the last hour',
  },
  attack: {
    title: 'Attack stages (ATT&CK)',
    tactic: 'Tactic',
    hour: '1 h',
    day: '24 h',
    sites: 'Sites',
    progression: 'Possible multi-stage attack',
    mapLegend: 'Multi-stage',
    progressionTag: '{n} stages',
    progressionDetail: '{n} tactics in the last hour',
    techniques: 'Techniques',
    none: 'No events with tactics yet',
    sources: '{tagged} tagged by sensors · {mapped} by mapping',
    calm: 'No site shows 3 tactics within an hour',
  },
  language: 'English',
  wall: {
    preset: 'Preset {n}',
    presetNamed: 'Preset {n} — {name}',
    rotationRunning: 'Rotation running',
    rotationPaused: 'Rotation paused',
    locked: 'Kiosk locked',
    unlocked: 'Kiosk unlocked',
    unlockFailed: 'Wrong PIN — the wall stays locked',
    lockUnavailable: 'No PIN set — the kiosk cannot be locked',
    configApplied: 'Configuration applied: {file}',
    configRejected: 'Configuration rejected: {file}',
    lockedBadge: 'Locked',
    outageOn: 'Link down too long — outage preset',
    outageOff: 'Link back — outage mode ended',
    acknowledged: '{n} alarm(s) acknowledged',
    shelved: 'Alarm #{id} shelved until {time}',
    noAlarm: 'No alarm to act on',
    muted: 'Sound muted until {time}',
    unmuted: 'Sound back on',
    reportWritten: 'Hand-over report written',
    reportFailed: 'Hand-over report not written — see the log',
  },
  actions: {
    preset: 'Whole wall to preset {n}',
    presetNamed: 'Whole wall to preset {n} — {name}',
    'next-preset': 'Next preset',
    'previous-preset': 'Previous preset',
    'toggle-rotation': 'Pause / resume rotation',
    'focus-next': 'Focus the next panel full screen',
    unfocus: 'Back (leave focus, close)',
    'toggle-help': 'Show / hide this key list',
    'toggle-language': 'Tiếng Việt / English',
    'toggle-lock': 'Kiosk lock / unlock (PIN)',
    'alarm-acknowledge': 'Acknowledge the selected alarm',
    'alarm-acknowledge-shown': 'Acknowledge every alarm shown',
    'alarm-select-next': 'Select the alarm below',
    'alarm-select-previous': 'Select the alarm above',
    'alarm-shelve': 'Shelve: 1 h / 4 h / end of shift',
    'toggle-mute': 'Mute 5 min / unmute',
    'write-report': 'Write the hand-over report',
  },
  rotation: {
    running: 'Rotating',
    paused: 'Paused',
    off: 'No rotation',
    next: 'next in {n} s',
    hold: { off: 'Space to start', none: '', user: 'paused by the shift lead', activity: 'keys in use', 'hand-preset': 'preset chosen by hand', outage: 'link down', alarm: 'critical alarm' },
  },
  priority: { ...PRIORITY_NAMES.en },
  alarmState: {
    'active-unacknowledged': 'UNACKNOWLEDGED',
    'active-acknowledged': 'Acknowledged',
    'cleared-unacknowledged': 'Cleared — not acknowledged',
    shelved: 'Shelved',
  },
  alarms: {
    title: 'Alarms',
    none: 'No alarms',
    standing: '{n} standing',
    unack: '{n} unacknowledged',
    shelvedCount: '{n} shelved',
    more: '+{n} more alarms',
    count: '{n} event | {n} events',
    since: 'since {time}',
    selected: 'Selected',
    flood: 'ALARM FLOOD',
    grouped: 'Grouped by site:',
    muted: 'MUTED {time}',
    soundBlocked: 'The browser blocks sound — press a key to allow it',
    source: 'Source',
    firstSeen: 'First seen',
    lastSeen: 'Last seen',
    critical: 'CRITICAL ALARM',
    shift: '{shift} — lead {lead}',
    ackBy: 'Acknowledged by {lead} at {time}',
    shelvedUntil: 'Shelved until {time}',
    detailTitle: 'Alarm #{id}',
    badge: '{n} alarms',
    floodRate: '{rate} in {min} min',
    raised10m: '{n} new alarms in the last 10 minutes',
  },
  help: {
    undefined: 'not defined',
    title: 'Wall keys',
    close: 'Close',
    preset: 'Showing',
    rotation: 'Rotation',
    noKeys: 'No key list from the wall host yet',
    keysFrom: 'A key pressed on any screen drives the whole wall.',
    presets: 'Whole wall to preset:',
  },
  focus: { hint: 'Esc — back' },
  pin: { title: 'Enter the PIN to unlock the kiosk', hint: 'Enter — unlock · Esc — cancel', label: 'PIN' },
  config: {
    title: 'Wall configuration error',
    keepsLast: 'The wall keeps the last valid version until the file is fixed.',
    source: 'Configuration folder: {source}',
    at: 'at {time}',
  },
  layout: {
    unknownPanel: 'This version cannot show the “{kind}” panel yet.',
    missingScreen: 'Preset {n} has no layout for screen “{screen}”',
    missingPreset: 'Preset {n} is not defined',
    missingLayout: 'Layout “{id}” not found',
    hint: 'Press ? for the keys that switch presets.',
  },
  banner: {
    lost: 'CONNECTION LOST',
    hostLost: 'WALL HOST UNREACHABLE',
    dataAsOf: 'data as of {time} ({age} ago)',
    noData: 'no data yet',
    reconnecting: 'reconnecting… (attempt {n})',
    connecting: 'connecting…',
    hostRetry: 'reconnecting…',
    outage: 'Outage mode since {time}',
  },
  stale: { tag: 'Stale' },
  contacts: { title: 'Outage contacts', empty: 'no contacts — see contacts.yaml', more: '+{n} more contact | +{n} more contacts' },
  kpi: { title: 'Operations figures', normal: 'Normal', warning: 'Warning', critical: 'Critical', none: 'Not reported yet', stale: 'Out of date', at: 'at {time}' },
};

export const messages = { vi, en };
export type MessageSchema = Messages;
