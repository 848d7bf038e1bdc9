// The sender check of every IPC call (Electron security checklist, item 17). Pure.
import { WALL_CHANNEL_SET } from '../contract/wall-api.js';
import { APP_HOST } from './app-routes.js';

export interface SenderFacts {
  channel: string;
  /** `event.senderFrame`: null when the frame navigated away or was destroyed. */
  frame: { url: string; isMainFrame: boolean } | null;
  /** `event.sender.id`. */
  webContentsId: number;
  /** webContents ids of the windows the shell created. */
  wallWindowIds: ReadonlySet<number>;
}

export type RejectReason = 'unknown-channel' | 'no-frame' | 'sub-frame' | 'foreign-origin' | 'foreign-window' | 'bad-arguments';

export type SenderVerdict = { ok: true } | { ok: false; reason: RejectReason };

export function checkSender(facts: SenderFacts): SenderVerdict {
  if (!WALL_CHANNEL_SET.has(facts.channel)) return { ok: false, reason: 'unknown-channel' };
  if (facts.frame === null) return { ok: false, reason: 'no-frame' };
  if (!facts.frame.isMainFrame) return { ok: false, reason: 'sub-frame' };
  let url: URL;
  try {
    url = new URL(facts.frame.url);
  } catch {
    return { ok: false, reason: 'foreign-origin' };
  }
  // Compare protocol and host: for a non-special scheme Node's URL gives origin 'null'.
  if (url.protocol !== 'app:' || url.host !== APP_HOST || url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'foreign-origin' };
  }
  if (!facts.wallWindowIds.has(facts.webContentsId)) return { ok: false, reason: 'foreign-window' };
  return { ok: true };
}
