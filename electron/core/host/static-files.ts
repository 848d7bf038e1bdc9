// The built renderer's files, for both servers that serve it (the browser host over HTTP and
// the Electron shell's app:// scheme): which file answers a URL path (never one outside its
// folder, encoded traversal included), and its content type.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Resolves `urlPath` (a URL pathname, still percent-encoded) inside `root`, or null when it would escape. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // malformed escape such as %E0%A4%A
  }
  // NUL, backslashes (a separator on Windows) and drive letters never belong in a URL path.
  if (decoded.includes('\0') || decoded.includes('\\') || /^\/?[A-Za-z]:/u.test(decoded)) return null;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  // Any '..' segment is refused outright, even one that would resolve to a path inside.
  if (segments.some((s) => s === '..')) return null;
  if (segments.length === 0) segments.push('index.html');
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  return file.startsWith(base + path.sep) ? file : null;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  const file = resolveInside(root, urlPath);
  if (!file) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
    return { body: await readFile(file), type: contentTypeOf(file) };
  } catch {
    return null;
  }
}
