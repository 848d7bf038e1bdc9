// The browser host's secrets (the read token and the control token): where they come from
// and how a client's copy is compared. Never from the command line (it shows in `ps`):
// the environment (`NAME`) or a file (`NAME_FILE`, e.g. a root-only file or a systemd
// credential). Compared in constant time over SHA-256 hashes, so neither the content nor
// the length of the secret leaks through timing.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Shorter than this is refused at start: a token guards everything the wall shows. */
export const MIN_SECRET_LENGTH = 16;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Throws when `secret` cannot be a token: empty, blank or too short (the message never holds it). */
export function checkSecret(secret: string, what: string): void {
  if (secret.trim() === '') throw new Error(`The browser host ${what} is empty: set a random value of at least ${MIN_SECRET_LENGTH} characters.`);
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`The browser host ${what} is too short (${secret.length} characters): use at least ${MIN_SECRET_LENGTH}.`);
}

export class HostSecret {
  private readonly hash: Buffer;
  private readonly cookieHash: Buffer;
  /**
   * What the browser keeps in its cookie: derived from the secret, never the secret itself, so a
   * cookie jar or a proxy log holding it does not reveal the token typed into the URL.
   */
  readonly cookieValue: string;

  constructor(
    secret: string,
    /** For error messages: 'token', 'control token'. */
    readonly what: string,
    /** Cookie that carries it after a first authenticated page visit. */
    readonly cookieName: string,
  ) {
    checkSecret(secret, what);
    this.hash = sha256(secret);
    this.cookieValue = sha256(`socwall-cookie\0${cookieName}\0${secret}`).toString('base64url');
    this.cookieHash = sha256(this.cookieValue);
  }

  /** True when `given` is the secret (constant time, whatever its length). */
  matches(given: string | null | undefined): boolean {
    return typeof given === 'string' && timingSafeEqual(sha256(given), this.hash);
  }

  /** True when `given` is this secret's cookie value. */
  matchesCookie(given: string | null | undefined): boolean {
    return typeof given === 'string' && timingSafeEqual(sha256(given), this.cookieHash);
  }
}

/**
 * The secret named `name` from the environment: `NAME` itself or the first line of the
 * file `NAME_FILE` (not both). Null when neither is set; throws on an unreadable file or an
 * empty value (an empty token must never mean "no token").
 */
export function secretFromEnv(env: NodeJS.ProcessEnv, name: string): string | null {
  const direct = env[name];
  const file = env[`${name}_FILE`];
  if (direct !== undefined && file !== undefined) throw new Error(`Set ${name} or ${name}_FILE, not both.`);
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`Cannot read ${name}_FILE ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
    }
    const line = text.split(/\r?\n/u)[0] ?? '';
    if (line.trim() === '') throw new Error(`${name}_FILE ${file} is empty: put the token on its first line.`);
    return line;
  }
  if (direct !== undefined) {
    if (direct.trim() === '') throw new Error(`${name} is set but empty: unset it or give a random value of at least ${MIN_SECRET_LENGTH} characters.`);
    return direct;
  }
  return null;
}
