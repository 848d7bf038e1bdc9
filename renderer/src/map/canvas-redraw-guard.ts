// Leaflet 1.9.4's canvas renderer can leave a redraw frame behind a removed map. A style
// change schedules a redraw with requestAnimationFrame; a synchronous redraw (the renderer's
// 'update' after invalidateSize or fitBounds) then clears the pending request's id without
// cancelling its frame, so map.remove() has nothing to cancel and the orphaned frame draws
// on the deleted context ("Cannot read properties of undefined (reading 'clearRect')").
// A map removed within a frame of being built, as on a quick preset switch, hits it every
// few switches. A renderer without a context has nothing to draw: the frame is skipped.
import * as L from 'leaflet';

/** The two private members of L.Canvas the guard relies on (Leaflet 1.9.x). */
interface CanvasInternals {
  _ctx?: CanvasRenderingContext2D;
  _redrawRequest: number | null;
  _redraw(): void;
}

const canvasProto = L.Canvas.prototype as unknown as CanvasInternals;
const unguardedRedraw = canvasProto._redraw;

/** Installs the guard once for every canvas renderer (idempotent). */
export function guardCanvasRedraw(): void {
  if (canvasProto._redraw !== unguardedRedraw) return;
  L.Canvas.include({
    _redraw(this: CanvasInternals): void {
      if (!this._ctx) {
        // Removed: forget the request too, so a renderer added again can schedule frames.
        this._redrawRequest = null;
        return;
      }
      unguardedRedraw.call(this);
    },
  });
}
