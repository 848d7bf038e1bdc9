// English counts read as English ("1 site reporting"); Vietnamese has one form for every count.
import { createI18n } from 'vue-i18n';
import { describe, expect, it } from 'vitest';
import { messages } from '../../../renderer/src/i18n/messages.js';

function t(lang: 'vi' | 'en') {
  const i18n = createI18n({ legacy: false, locale: lang, fallbackLocale: 'en', messages: messages as never, missingWarn: false, fallbackWarn: false });
  const g = i18n.global as unknown as { t: (key: string, named: Record<string, unknown>, plural: number) => string };
  return (key: string, n: number) => g.t(key, { n }, n);
}

describe('counted texts', () => {
  const en = t('en');
  const vi = t('vi');
  it.each([
    ['endpoints.sitesReporting', '1 site reporting', '49 sites reporting', '1 đơn vị báo cáo', '49 đơn vị báo cáo'],
    ['sensors.more', '+1 more site', '+3 more sites', '+1 đơn vị khác', '+3 đơn vị khác'],
    ['timeline.eventsLastHour', '1 event/hour', '49 events/hour', '1 sự kiện/giờ', '49 sự kiện/giờ'],
  ])('%s', (key, enOne, enMany, viOne, viMany) => {
    const many = Number(/\d+/u.exec(enMany)![0]);
    expect(en(key, 1)).toBe(enOne);
    expect(en(key, many)).toBe(enMany);
    expect(vi(key, 1)).toBe(viOne);
    expect(vi(key, many)).toBe(viMany);
  });
});
