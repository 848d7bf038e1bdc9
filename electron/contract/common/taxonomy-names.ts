// The wall's names for categories, severities and alarm priorities in both languages: the
// renderer's messages and the core's hand-over report say them the same way.
import type { AlarmPriority } from './alarm-order.js';
import type { Category, Severity } from './taxonomy.js';

type Lang = 'vi' | 'en';

export const CATEGORY_NAMES: Readonly<Record<Lang, Readonly<Record<Category, string>>>> = {
  vi: {
    scan: 'Quét/dò quét',
    spoof: 'Giả mạo',
    malware: 'Mã độc',
    combined: 'Tấn công tổng hợp',
    targeted: 'Tấn công có chủ đích',
    policy: 'Vi phạm chính sách',
    other: 'Khác',
  },
  en: {
    scan: 'Scanning',
    spoof: 'Spoofing',
    malware: 'Malware',
    combined: 'Combined attacks',
    targeted: 'Targeted attacks',
    policy: 'Policy violations',
    other: 'Other',
  },
};

export const SEVERITY_NAMES: Readonly<Record<Lang, Readonly<Record<Severity, string>>>> = {
  vi: { low: 'Thấp', medium: 'Trung bình', high: 'Cao', critical: 'Nghiêm trọng' },
  en: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
};

/** Upper case: a priority is read as a label, on the wall and in the report. */
export const PRIORITY_NAMES: Readonly<Record<Lang, Readonly<Record<AlarmPriority, string>>>> = {
  vi: { critical: 'KHẨN CẤP', high: 'CAO', medium: 'TRUNG BÌNH', low: 'THẤP' },
  en: { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW' },
};
