// The one Content-Security-Policy of the wall. The Electron shell sends it on every
// `app://wall/` response; the browser host sends the same string as an HTTP header.
// Vite's production output has no inline script or style, Vue templates are precompiled
// and vue-i18n compiles messages without eval, so nothing here needs 'unsafe-*'.
export const WALL_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
