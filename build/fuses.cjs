// electron-builder afterPack hook: flips the Electron fuses of the packaged binary.
// electron-builder 25.1.8 has no `electronFuses` option (it arrived in 26), so the
// decision lives here, every fuse stated (a fuse Electron adds later must be decided
// here too: flipFuses runs with strictlyRequireAllFuses).
// Needs @electron/fuses at packaging time; without it packaging fails rather than
// shipping a binary with default fuses (RunAsNode on, NODE_OPTIONS honoured, ...).
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS hook loaded by electron-builder */
const path = require('node:path');

/** Every fuse of FuseV1 (Electron 40), camelCase of its FuseV1Options name. */
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
    fuses = require('@electron/fuses');
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
