/** A broker URL fit for display and logs: credentials removed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/u, '');
  } catch {
    return '(invalid broker URL)';
  }
}
