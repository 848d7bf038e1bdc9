// The layering rule (eslint-rules/layers.js) with the repository's own LAYERS: what each layer
// may import, and what it may not, as ESLint itself reports it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import config from '../../../eslint.config.js';
import { layersRule } from '../../../eslint-rules/layers.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = fileURLToPath(new URL('../../../', import.meta.url));
const file = (rel: string) => path.join(root, rel);
// The options the repository lints with, taken from its config (not a copy).
type RuleEntry = [string, { layers: unknown[] }];
const options = (config as { rules?: Record<string, unknown> }[]).map((c) => c.rules?.['socwall/layers']).find(Boolean) as RuleEntry;
const layers = [{ ...options[1], root }];

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' } });

tester.run('socwall/layers', layersRule, {
  valid: [
    { filename: file('electron/core/wall-core.ts'), code: "import { x } from '../contract/index.js'; import fs from 'node:fs'; import mqtt from 'mqtt';", options: layers },
    { filename: file('electron/core/host/browser-host.ts'), code: "import { WebSocketServer } from 'ws'; import * as v from 'valibot'; import { toJsonSchema } from '@valibot/to-json-schema';", options: layers },
    { filename: file('electron/shell/ipc.ts'), code: "import { ipcMain } from 'electron'; import { startWallCore } from '../core/wall-core.js';", options: layers },
    { filename: file('electron/main.ts'), code: "import { app } from 'electron'; import { serveApp } from './shell/app-protocol.js';", options: layers },
    { filename: file('renderer/src/panels/X.ts'), code: "import type { WallFrame } from '../../../electron/contract/index.js'; import { ref } from 'vue'; import '@fontsource/be-vietnam-pro/700.css';", options: layers },
    { filename: file('renderer/src/map/catalogue.ts'), code: "import sites from '../../../resources/kien-giang/sites.json';", options: layers },
    { filename: file('renderer/src/x.ts'), code: "import { type SiteState, type Category } from '../../electron/contract/index.js';", options: layers },
    // contract/common: values both sides may use.
    { filename: file('renderer/src/wall/keys.ts'), code: "import { comboOf } from '../../../electron/contract/common/key-combo.js';", options: layers },
    { filename: file('electron/core/wall/keymap.ts'), code: "import { comboOf } from '../../contract/common/key-combo.js';", options: layers },
    // Outside every layer: not checked.
    { filename: file('tests/unit/x.test.ts'), code: "import { app } from 'electron'; import fs from 'node:fs';", options: layers },
  ],
  invalid: [
    { filename: file('electron/core/wall-core.ts'), code: "import { app } from 'electron';", options: layers, errors: [{ messageId: 'package' }] },
    { filename: file('electron/core/wall-core.ts'), code: "import Store from 'electron-store';", options: layers, errors: [{ messageId: 'package' }] },
    { filename: file('electron/core/x.ts'), code: "import { kioskEnabled } from '../shell/kiosk-model.js';", options: layers, errors: [{ messageId: 'layer' }] },
    { filename: file('electron/core/x.ts'), code: "import { sumWindow } from '../../renderer/src/stores/frame-merge.js';", options: layers, errors: [{ messageId: 'layer' }] },
    { filename: file('electron/contract/x.ts'), code: "import { parseTopic } from '../core/telemetry/topics.js';", options: layers, errors: [{ messageId: 'layer' }] },
    { filename: file('electron/contract/x.ts'), code: "import fs from 'node:fs';", options: layers, errors: [{ messageId: 'builtin' }] },
    { filename: file('electron/contract/common/x.ts'), code: "import * as v from 'valibot';", options: layers, errors: [{ messageId: 'package' }] },
    { filename: file('electron/contract/common/x.ts'), code: "import { CATEGORIES } from '../events.js';", options: layers, errors: [{ messageId: 'typesOnly' }] },
    { filename: file('renderer/src/x.ts'), code: "import { CATEGORIES } from '../../electron/contract/index.js';", options: layers, errors: [{ messageId: 'typesOnly' }] },
    { filename: file('renderer/src/x.ts'), code: "import { readFileSync } from 'node:fs';", options: layers, errors: [{ messageId: 'builtin' }] },
    { filename: file('renderer/src/x.ts'), code: "import mqtt from 'mqtt';", options: layers, errors: [{ messageId: 'package' }] },
    { filename: file('renderer/src/x.ts'), code: "import { startWallCore } from '../../electron/core/wall-core.js';", options: layers, errors: [{ messageId: 'layer' }] },
    { filename: file('renderer/src/x.ts'), code: "export { x } from '../../electron/shell/ipc.js';", options: layers, errors: [{ messageId: 'layer' }] },
    { filename: file('renderer/src/x.ts'), code: "const m = await import('../../electron/core/wall-core.js');", options: layers, errors: [{ messageId: 'layer' }] },
  ],
});

describe('lint configuration', () => {
  it('runs the layers and the type-checked promise and switch rules on the app code, not on tests', async () => {
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd: root });
    for (const rel of ['electron/core/wall-core.ts', 'electron/shell/ipc.ts', 'renderer/src/main.ts']) {
      const cfg = (await eslint.calculateConfigForFile(file(rel))) as { rules: Record<string, unknown[]> };
      for (const rule of ['socwall/layers', '@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises', '@typescript-eslint/switch-exhaustiveness-check']) {
        expect(cfg.rules[rule]?.[0], `${rule} on ${rel}`).toBe(2);
      }
    }
  });
});

describe('TypeScript projects per side', () => {
  it('typechecks electron/ without the DOM and the renderer without Node, in npm run typecheck', async () => {
    const ts = (await import('typescript')).default;
    const load = (name: string) => {
      const read = ts.readConfigFile(file(name), ts.sys.readFile);
      return ts.parseJsonConfigFileContent(read.config, ts.sys, root);
    };
    const electron = load('tsconfig.electron.json');
    expect(electron.options.lib).toEqual(['lib.es2023.d.ts']);
    expect(electron.fileNames.every((f) => f.includes('/electron/'))).toBe(true);
    const renderer = load('tsconfig.renderer.json');
    expect(renderer.options.types).toEqual([]);
    expect(renderer.fileNames.every((f) => f.includes('/renderer/src/'))).toBe(true);
    const scripts = (JSON.parse((await import('node:fs')).readFileSync(file('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.typecheck).toContain('-p tsconfig.electron.json');
    expect(scripts.typecheck).toContain('-p tsconfig.renderer.json');
  });
});
