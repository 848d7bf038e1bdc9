// The renderer's real vue-i18n messages as a plain `Translate` function, for Node tests.
import { createI18n } from 'vue-i18n';
import type { Language } from '../../../electron/contract/index.js';
import { messages } from '../../../renderer/src/i18n/messages.js';
import type { Translate } from '../../../renderer/src/wall/texts.js';

export function translator(lang: Language): Translate {
  const i18n = createI18n({ legacy: false, locale: lang, fallbackLocale: 'en', messages: messages as never, missingWarn: false, fallbackWarn: false });
  const g = i18n.global as unknown as { t: (key: string, params: Record<string, unknown>) => string };
  return (key, params) => g.t(key, params ?? {});
}
