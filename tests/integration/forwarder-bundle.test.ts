// The forwarder is shipped as one file (dist-forwarder/soc-wall-forwarder.mjs) for hosts that
// have Node and nothing else (a Wazuh manager, a syslog relay): copied alone to an empty folder
// it starts, and it imports nothing but Node's own modules.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORWARD_BUNDLE, requireForwarderBundle } from '../helpers/forwarder-process.js';

describe('the shipped forwarder file', () => {
  it('imports only Node built-ins', () => {
    requireForwarderBundle();
    // Code only: the inlined libraries' comments quote `require('…')` in their examples.
    const text = readFileSync(FORWARD_BUNDLE, 'utf8')
      .split('\n')
      .filter((l) => !/^\s*(\*|\/\/|\/\*)/u.test(l))
      .join('\n');
    const specifiers = [...text.matchAll(/(?:^|[;\n])\s*import\s[^'"]*?from\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)|(?<![\w$])(?:__)?require\(\s*["']([^"']+)["']\s*\)/gu)].map((m) => m[1] ?? m[2] ?? m[3]!);
    expect(specifiers.length).toBeGreaterThan(0);
    const builtins = new Set(builtinModules);
    expect(specifiers.filter((s) => !s.startsWith('node:') && !builtins.has(s))).toEqual([]);
  });

  it('runs from a folder with no node_modules', () => {
    requireForwarderBundle();
    const dir = mkdtempSync(join(tmpdir(), 'socwall-fwd-alone-'));
    const copy = join(dir, 'soc-wall-forwarder.mjs');
    copyFileSync(FORWARD_BUNDLE, copy);
    const help = spawnSync(process.execPath, [copy, '--help'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('--broker');
    // A bad option is refused with the reason, before anything starts.
    const bad = spawnSync(process.execPath, [copy, '--broker', 'mqtt://127.0.0.1:1883', '--syslog', 'udp://127.0.0.1:0'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--syslog udp://127.0.0.1:0');
  });
});
