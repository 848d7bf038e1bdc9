// Where an Electron binary is, for `npm start` and the Electron e2e tests. Plain Node ESM (no
// TypeScript, no dependencies). It only looks: `ELECTRON_OVERRIDE_DIST_PATH`, or the binary the
// npm package fetched (its path.txt). It never requires 'electron', which from Electron 42 on
// downloads the binary on first use.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const NAMES = ['electron', 'electron.exe', 'Electron.app/Contents/MacOS/Electron'];

/** Path of an Electron binary for the repository at `root`, or null. */
export function electronRuntime(root, env = process.env) {
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (dist) return NAMES.map((n) => path.join(dist, n)).find((p) => existsSync(p)) ?? null;
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(pkg, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const binary = path.join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
