// npm start: build the three bundles and run the wall in Electron, or say in one line
// why it cannot run here. Plain Node ESM (no TypeScript, no dependencies).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { electronRuntime } from './electron-runtime.mjs';

const root = path.resolve(import.meta.dirname, '..');

/** Why there is no runtime, and what would give one. */
function noRuntimeReason() {
  if (!existsSync(path.join(root, 'node_modules', 'electron', 'package.json'))) {
    const [major, minor] = process.versions.node.split('.').map(Number);
    const tooOld = major < 22 || (major === 22 && minor < 12);
    return tooOld
      ? `Electron is not installed: it needs Node 22.12 or newer (this is Node ${process.versions.node}), and npm leaves it out`
      : 'Electron is not installed (npm left the optional package out)';
  }
  return 'the Electron package is installed but not its binary: fetch it with `npx install-electron` where the network allows';
}

const electron = electronRuntime(root);
if (electron === null) {
  console.error(`SOC Wall: no Electron runtime here (${noRuntimeReason()}). See the wall in a browser instead: npm run serve -- --demo`);
  process.exit(1);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
for (const mode of [[], ['--mode', 'main'], ['--mode', 'preload']]) {
  const build = spawnSync(npx, ['vite', 'build', '--logLevel', 'warn', ...mode], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const args = ['.'];
// Since Electron 38 Linux defaults to Wayland, which cannot place windows on displays.
if (process.platform === 'linux') args.push('--ozone-platform=x11');
// Chromium refuses to start as root with its sandbox; the renderer sandbox flags still apply.
if (process.getuid?.() === 0) {
  console.error('SOC Wall: running as root, starting Electron with --no-sandbox (do not run the wall as root in production)');
  args.push('--no-sandbox');
}
args.push(...process.argv.slice(2));

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE; // would start Node instead of the app
const child = spawn(electron, args, { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
