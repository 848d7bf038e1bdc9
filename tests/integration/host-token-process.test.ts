// The browser host's token as a real process sees it: taken from a file or the environment,
// never from the command line, and never shown in `ps` or in what the process prints, while
// clients use it right, wrong, in the URL and in a header.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { spawnWall, type WallProcess } from '../helpers/wall-process.js';

const TOKEN = `tok-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}-secret`;

function psEverything(): string {
  // Every process's full command line, and (BSD syntax `e`) the environment ps may show.
  return `${execFileSync('ps', ['-eww', '-o', 'pid=,args='], { encoding: 'utf8' })}\n${execFileSync('ps', ['eww', '-A'], { encoding: 'utf8' })}`;
}

function psArgs(): string {
  return execFileSync('ps', ['-eww', '-o', 'pid=,args='], { encoding: 'utf8' });
}

/** Uses the token every way a client can, right and wrong, so that any echo of it would show. */
async function exercise(wall: WallProcess): Promise<void> {
  const bearer = { Authorization: `Bearer ${TOKEN}` };
  expect((await fetch(`${wall.url}api/snapshot`, { headers: bearer })).status).toBe(200);
  expect((await fetch(`${wall.url}api/snapshot?token=${TOKEN}`)).status).toBe(200);
  expect((await fetch(`${wall.url}api/snapshot?token=${TOKEN}-wrong`)).status).toBe(401);
  expect((await fetch(`${wall.url}metrics`, { headers: { Authorization: `Bearer ${TOKEN.slice(0, -1)}` } })).status).toBe(401);
  const page = await fetch(`${wall.url}?token=${TOKEN}`, { redirect: 'manual' });
  expect(page.status).toBe(303);
  expect(page.headers.get('location')).not.toContain(TOKEN);
  for (const query of [`?token=${TOKEN}`, `?token=${TOKEN}x`]) {
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(`${wall.url.replace('http', 'ws')}api/ws${query}`);
      ws.once('open', () => (ws.close(), resolve()));
      ws.once('unexpected-response', () => resolve());
      ws.once('error', () => resolve());
    });
  }
}

describe('the browser host token in a real process', () => {
  let wall: WallProcess | null = null;
  afterEach(async () => {
    await wall?.kill('SIGKILL');
    wall = null;
  });

  it('from SOCWALL_TOKEN_FILE: never in ps (command lines or environments) nor in the output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'socwall-token-'));
    const file = join(dir, 'token');
    writeFileSync(file, `${TOKEN}\n`, { mode: 0o600 });
    wall = await spawnWall(['--demo'], { SOCWALL_TOKEN_FILE: file });
    await exercise(wall);
    expect(psEverything()).not.toContain(TOKEN);
    expect(psEverything()).toContain(String(wall.process.pid));
    await wall.kill('SIGTERM');
    expect(wall.output()).not.toContain(TOKEN);
    expect(wall.output()).toContain('SOC Wall browser host');
  });

  it('from SOCWALL_TOKEN: never in the command lines ps shows, nor in the output', async () => {
    wall = await spawnWall(['--demo'], { SOCWALL_TOKEN: TOKEN });
    await exercise(wall);
    const ps = psArgs();
    expect(ps).toContain(String(wall.process.pid));
    expect(ps).not.toContain(TOKEN);
    await wall.kill('SIGTERM');
    expect(wall.output()).not.toContain(TOKEN);
  });

  it('refuses --token on the command line, an empty token and a short one, without printing them', async () => {
    const failures: string[] = [];
    const attempt = async (args: string[], env: Record<string, string>) => {
      try {
        wall = await spawnWall(args, env);
        failures.push('started');
      } catch (err) {
        failures.push((err as Error).message);
      }
    };
    await attempt(['--demo', '--token', TOKEN], {});
    await attempt(['--demo', `--token=${TOKEN}`], {});
    await attempt(['--demo'], { SOCWALL_TOKEN: '' });
    const dir = mkdtempSync(join(tmpdir(), 'socwall-token-'));
    writeFileSync(join(dir, 'empty'), '\n');
    await attempt(['--demo'], { SOCWALL_TOKEN_FILE: join(dir, 'empty') });
    await attempt(['--demo'], { SOCWALL_TOKEN: 'short-secret' });
    expect(failures[0]).toMatch(/never taken from the command line/u);
    expect(failures[1]).toMatch(/never taken from the command line/u);
    expect(failures[2]).toMatch(/SOCWALL_TOKEN is set but empty/u);
    expect(failures[3]).toMatch(/is empty/u);
    expect(failures[4]).toMatch(/too short/u);
    for (const f of failures) {
      // The message holds the process output; the value given is never repeated in it.
      expect(f.replace(/the wall exited \(1\): /u, '')).not.toContain(TOKEN);
      expect(f).not.toContain('short-secret');
    }
  });
});
