/** Path of an Electron binary for the repository at `root`, or null (see electron-runtime.mjs). */
export function electronRuntime(root: string, env?: Readonly<Record<string, string | undefined>>): string | null;
