// The link status of this window as reactive values (banner, stale marking), from the store
// and the 1 Hz clock. The rules live in link-status.ts.
import { computed, type ComputedRef } from 'vue';
import { useWallStore } from '../stores/wall.js';
import { useNow } from '../stores/clock.js';
import { bannerKind, type BannerKind, type LinkInput } from './link-status.js';

export interface LinkStatusRefs {
  input: ComputedRef<LinkInput>;
  kind: ComputedRef<BannerKind>;
  stale: ComputedRef<boolean>;
}

export function useLinkStatus(): LinkStatusRefs {
  const store = useWallStore();
  const now = useNow();
  const input = computed<LinkInput>(() => ({
    link: store.view?.link ?? null,
    hostConnected: store.hostConnected,
    hostDownSince: store.hostDownSince,
    hostNow: store.hostNow(now.value),
    localNow: now.value,
  }));
  const kind = computed(() => bannerKind(input.value));
  const stale = computed(() => kind.value !== 'none');
  return { input, kind, stale };
}
