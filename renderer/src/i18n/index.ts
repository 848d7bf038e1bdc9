import { createI18n } from 'vue-i18n';
import type { Language } from '../../../electron/contract/index.js';
import { messages, type MessageSchema } from './messages.js';

export const i18n = createI18n<[MessageSchema], Language, false>({
  legacy: false,
  locale: 'vi',
  fallbackLocale: 'en',
  messages,
});

/** BCP 47 tag for Intl formatters. */
export function intlLocale(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'vi-VN';
}
