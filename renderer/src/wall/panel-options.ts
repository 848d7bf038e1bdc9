// Per-panel options of a layout (title, categories, window, sites/districts), made usable by panels.
import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Category, Language, PanelOptions } from '../../../electron/contract/index.js';
import { CATEGORY_ORDER } from '../theme/categories.js';
import { siteFilter } from '../layouts/layout-engine.js';
import { SITES } from '../map/catalogue.js';
import { localText } from './texts.js';

/** Categories a panel shows, in the wall's order (all when none or none valid are given). */
export function shownCategories(options: PanelOptions | undefined): readonly Category[] {
  const want = options?.categories;
  if (!want || want.length === 0) return CATEGORY_ORDER;
  const set = new Set<string>(want);
  const out = CATEGORY_ORDER.filter((c) => set.has(c));
  return out.length > 0 ? out : CATEGORY_ORDER;
}

/** Title of a panel: the layout's title in the current language (else the other), else the panel's own. */
export function usePanelTitle(options: () => PanelOptions | undefined, own: () => string): ComputedRef<string> {
  const { locale } = useI18n();
  return computed(() => localText(options()?.title, locale.value as Language) ?? own());
}

/** Sites the panel is limited to, or null for the whole province. */
export function usePanelSites(options: () => PanelOptions | undefined): ComputedRef<ReadonlySet<string> | null> {
  return computed(() => siteFilter(options(), SITES));
}
