import { describe, expect, it } from 'vitest';
import { WALL_CHANNEL_SET, WALL_METHODS } from '../../../electron/contract/wall-api.js';
import { checkSender, type SenderFacts } from '../../../electron/shell/sender-check.js';

const ok: SenderFacts = {
  channel: WALL_METHODS.getSnapshot.channel,
  frame: { url: 'app://wall/index.html?screen=0', isMainFrame: true },
  webContentsId: 7,
  wallWindowIds: new Set([7, 8]),
};

describe('checkSender', () => {
  it('accepts the main frame of a wall window on app://wall', () => {
    expect(checkSender(ok)).toEqual({ ok: true });
    for (const channel of WALL_CHANNEL_SET) expect(checkSender({ ...ok, channel }).ok).toBe(true);
  });

  it.each<[string, Partial<SenderFacts>, string]>([
    ['an unknown channel', { channel: 'wall:eval' }, 'unknown-channel'],
    ['a channel without the prefix', { channel: 'get-snapshot' }, 'unknown-channel'],
    ['a destroyed or navigated frame', { frame: null }, 'no-frame'],
    ['a sub-frame', { frame: { url: 'app://wall/index.html', isMainFrame: false } }, 'sub-frame'],
    ['another host of the scheme', { frame: { url: 'app://evil/index.html', isMainFrame: true } }, 'foreign-origin'],
    ['a look-alike host', { frame: { url: 'app://wall.evil/index.html', isMainFrame: true } }, 'foreign-origin'],
    ['https', { frame: { url: 'https://wall/index.html', isMainFrame: true } }, 'foreign-origin'],
    ['file://', { frame: { url: 'file:///srv/wall/dist/renderer/index.html', isMainFrame: true } }, 'foreign-origin'],
    ['about:blank', { frame: { url: 'about:blank', isMainFrame: true } }, 'foreign-origin'],
    ['a data: URL', { frame: { url: 'data:text/html,<script>1</script>', isMainFrame: true } }, 'foreign-origin'],
    ['an unparsable URL', { frame: { url: '', isMainFrame: true } }, 'foreign-origin'],
    ['a window the shell did not make', { webContentsId: 99 }, 'foreign-window'],
    ['any window when none exists', { wallWindowIds: new Set<number>() }, 'foreign-window'],
  ])('rejects %s', (_label, change, reason) => {
    expect(checkSender({ ...ok, ...change })).toEqual({ ok: false, reason });
  });

  it('rejects app://wall with a port or userinfo (host, not origin, is compared)', () => {
    expect(checkSender({ ...ok, frame: { url: 'app://wall:8080/index.html', isMainFrame: true } }).ok).toBe(false);
    expect(checkSender({ ...ok, frame: { url: 'app://x@wall/index.html', isMainFrame: true } }).ok).toBe(false);
  });
});
