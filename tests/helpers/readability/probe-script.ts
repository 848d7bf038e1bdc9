// The probe as a script for `page.addInitScript`: probe.browser.ts transpiled by TypeScript
// (not by the test runner, whose transform may add helpers that do not exist in the page).
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const SOURCE = new URL('./probe.browser.ts', import.meta.url);

let script: string | null = null;

/** JavaScript that installs `window.__socwallReadability` (and the canvas text recorder) when run in a page. */
export function readabilityProbeScript(): string {
  if (script !== null) return script;
  const out = ts.transpileModule(readFileSync(SOURCE, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: true, verbatimModuleSyntax: false },
  }).outputText;
  // A classic script: no module syntax (type imports are already gone).
  const body = out.replace(/^\s*export\s+\{\s*\};?\s*$/gmu, '').replace(/^export\s+function\s/gmu, 'function ');
  script = `(() => {\n${body}\ninstallReadabilityProbe();\n})();\n`;
  return script;
}
