// electron-builder afterPack hook: flips the Electron fuses of the packaged binary.
// Kept as a hook rather than electron-builder 26's `electronFuses` option: every fuse is
// stated here and flipFuses runs with strictlyRequireAllFuses, so a fuse a later Electron
// adds fails packaging until it is decided (the option would leave it at its default).
// @electron/fuses 2.x is an ES module (and asks for Node 22.12, as Electron 45 does).
// Needs @electron/fuses at packaging time; without it packaging fails rather than
// shipping a binary with default fuses (RunAsNode on, NODE_OPTIONS honoured, ...).
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS hook loaded by electron-builder */
const path = require('node:path');

/** Every fuse of FuseV1 (Electron 45: nine), camelCase of its FuseV1Options name. */
const FUSES = Object.freeze({
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  // false in release; Playwright's _electron needs it, so e2e tests run the unpackaged build.
  enableNodeCliInspectArguments: false,
  // Effective on macOS and Windows only; Linux has no asar integrity check.
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
  // Electron 41's ninth fuse, on by default: V8 catches out-of-bounds WebAssembly memory
  // access with signal handlers instead of explicit checks. Kept on (the renderer runs no
  // WebAssembly of ours; Chromium's own defaults are the tested configuration).
  wasmTrapHandlers: true,
});

function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const product = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${product}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${product}.exe`);
  return path.join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  let fuses;
  try {
    fuses = await import('@electron/fuses'); // an ES module from 2.0
  } catch {
    throw new Error('SOC Wall packaging: @electron/fuses is not installed (npm i -D @electron/fuses); refusing to package without flipping the fuses.');
  }
  const { flipFuses, FuseVersion, FuseV1Options } = fuses;
  const config = { version: FuseVersion.V1, strictlyRequireAllFuses: true, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' };
  for (const [name, value] of Object.entries(FUSES)) {
    const option = FuseV1Options[name.charAt(0).toUpperCase() + name.slice(1)];
    if (option === undefined) throw new Error(`SOC Wall packaging: unknown fuse ${name}`);
    config[option] = value;
  }
  await flipFuses(executablePath(context), config);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
