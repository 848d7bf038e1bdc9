import { describe, expect, it } from 'vitest';
import type { AuditedText, PageAudit } from '../../helpers/readability/audit.js';
import { formatTable, languageOffences, profileFailures, rowFailures, summaryRows, worstOffenders } from '../../helpers/readability/summary.js';

const text = (over: Partial<AuditedText>): AuditedText => ({
  kind: 'dom',
  text: 'x',
  readClass: 'operational',
  fontSizePx: 40,
  capPx: 29,
  angleDeg: 0.21,
  contrast: 12,
  selector: 's',
  role: 'dom|s',
  ...over,
});

const page = (texts: AuditedText[], over: Partial<PageAudit['context']> = {}, clipped = 0): PageAudit => ({
  context: { profile: 'single', preset: '1', state: 'live', language: 'vi', screen: 'main', ...over },
  geometry: { viewingDistanceM: 5, panelWidthMm: 1218 },
  innerWidth: 1920,
  texts,
  clipped: Array.from({ length: clipped }, () => ({ text: 'cut', selector: 'c', axis: 'x' as const, hiddenPx: 10 })),
  covered: [],
  overflowing: [],
  fontFaults: [],
  underToast: 0,
  unknownReadValues: [],
});

describe('summary rows', () => {
  const passing = [text({ readClass: 'key', angleDeg: 0.35, text: '1.479' }), ...Array.from({ length: 40 }, () => text({})), text({ readClass: 'legal', angleDeg: 0.1 })];

  it('a page at the thresholds passes; legal lines may be small', () => {
    const [row] = summaryRows([page(passing)]);
    expect(row).toMatchObject({ texts: 42, keyTexts: 1, keyBelow03Percent: 0, operationalBelow02: 0, belowContrastPercent: 0, clipped: 0 });
    expect(row!.legalPercent).toBeCloseTo(100 / 42, 6);
    expect(row!.below02Percent).toBeCloseTo(100 / 42, 6);
    expect(rowFailures(row!)).toEqual([]);
  });

  it('fails small operational text, small key text, low contrast, clipping, too many legal lines, no key text', () => {
    const [row] = summaryRows([
      page(
        [
          text({ angleDeg: 0.19 }),
          text({ readClass: 'key', angleDeg: 0.29 }),
          text({ contrast: 6.9 }),
          text({ readClass: 'legal', angleDeg: 0.05 }),
          text({ contrast: Number.NaN }),
        ],
        {},
        2,
      ),
    ]);
    expect(row).toMatchObject({ operationalBelow02: 1, keyTexts: 1, keyBelow03Percent: 100, clipped: 2, belowContrastPercent: 20, legalPercent: 20 });
    const failures = rowFailures(row!).join('\n');
    for (const why of ['operational texts below 0.2°', 'key texts below 0.3°', 'below 7:1', 'clipped', 'legal lines are 20.0 %']) expect(failures).toContain(why);
    // A preset without key text passes (a map wall); a profile without any fails.
    const noKey = summaryRows([page([text({})]), page([text({ readClass: 'key', angleDeg: 0.4 })], { preset: '2' }), page([text({})], { language: 'en' })]);
    expect(rowFailures(noKey[0]!)).toEqual([]);
    expect(profileFailures(noKey)).toEqual(['single live en: no text marked data-read="key" on any preset (key figures cannot be checked)']);
    const covered = page(passing);
    covered.covered.push({ text: 'Title', selector: 'h2', by: 'span' });
    expect(rowFailures(summaryRows([covered])[0]!)).toEqual(['single preset 1 live vi: 1 texts covered by another element']);
    const spilling = page(passing);
    spilling.overflowing.push({ text: 'Mất kết nối', selector: 'span.count', how: 'out-of-box', into: 'div.cell', px: 14 });
    expect(rowFailures(summaryRows([spilling])[0]!)).toEqual(['single preset 1 live vi: 1 texts run out of their box or over another text']);
    const fallback = page(passing);
    fallback.fontFaults.push({ text: '✕', selector: 'span', font: 'normal 400 39px "Be Vietnam Pro"', problem: 'no bundled face has "✕" U+2715' });
    expect(rowFailures(summaryRows([fallback])[0]!)).toEqual(['single preset 1 live vi: 1 texts not in a bundled face']);
  });

  it('groups the screens of a profile into one row per preset × state × language', () => {
    const rows = summaryRows([
      page([text({})], { profile: 'wall-2x2', screen: 'a' }),
      page([text({}), text({})], { profile: 'wall-2x2', screen: 'b' }),
      page([text({})], { profile: 'wall-2x2', screen: 'a', language: 'en' }),
    ]);
    expect(rows.map((r) => [r.language, r.screens, r.texts])).toEqual([
      ['vi', 2, 3],
      ['en', 1, 1],
    ]);
    expect(formatTable(rows).split('\n')).toHaveLength(4);
  });
});

describe('Vietnamese never smaller than English', () => {
  it('compares the same element (role) on the same screen, smallest size of each', () => {
    const vi = page([text({ role: 'a', fontSizePx: 20 }), text({ role: 'b', fontSizePx: 30 }), text({ role: 'only-vi', fontSizePx: 5 })]);
    const en = page([text({ role: 'a', fontSizePx: 22 }), text({ role: 'b', fontSizePx: 30.04 })], { language: 'en' });
    expect(languageOffences([vi], [en])).toEqual([{ screen: 'main', role: 'a', viPx: 20, enPx: 22 }]);
  });
});

describe('worst offenders', () => {
  it('ranks by how far below the threshold, each text and element once', () => {
    const pages = [
      page([text({ text: 'tiny', angleDeg: 0.05 }), text({ text: 'faint', contrast: 2 }), text({ text: 'ok' })]),
      page([text({ text: 'tiny', angleDeg: 0.04 })], { preset: '2' }),
      page([text({ text: 'legal', readClass: 'legal', angleDeg: 0.01 })]),
    ];
    const worst = worstOffenders(pages, 10);
    expect(worst.map((o) => o.text)).toEqual(['tiny', 'faint']);
    expect(worst[0]).toMatchObject({ angleDeg: 0.04, where: 'single/main p2 live vi' });
  });
});
