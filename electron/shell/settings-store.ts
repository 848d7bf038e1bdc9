// electron-store, loaded only once Electron is ready. Importing it imports `when-exit` (through
// conf and atomically), which hooks SIGINT and SIGTERM as it loads. Hooked while the entry
// evaluates, Node's signal handler is installed before Electron installs its own, which then
// replaces it; the wall's handler, added later to a signal Node already watches, would never
// run (main.ts registers it after ready). loadElectronStore() is awaited in startWall, after
// the wall's handler, so a SIGTERM reaches the wall first.
import type ElectronStore from 'electron-store';

let Store: typeof ElectronStore | null = null;

export async function loadElectronStore(): Promise<void> {
  Store ??= (await import('electron-store')).default;
}

/** The electron-store class; loadElectronStore() must have been awaited. */
export function electronStore(): typeof ElectronStore {
  if (Store === null) throw new Error('electron-store used before loadElectronStore()');
  return Store;
}
