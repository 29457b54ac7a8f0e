/**
 * A connection URL fit to print: its password replaced by `***`, so a
 * terminal or a log never shows a secret the user set elsewhere.
 */
export function maskPassword(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '(a URL that does not parse)';
  }
  if (u.password) u.password = '***';
  return u.toString();
}
