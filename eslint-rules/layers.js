// socwall/layers: which folder may import which, as allow-lists (DESIGN.md's layers; in the
// spirit of VS Code's code-layering rule). Every file under a layer's folder may import only
// - relative modules inside the layers it lists in `mayImport` (and its own);
// - from the layers in `typesFrom`, types only (`import type`, or every specifier `type`);
// - the npm packages in `packages` (a scoped package by its scope, `@fontsource/*` style, or
//   whole), and `node:` builtins only when `node` is true.
// Files outside every layer (tests, benchmarks, scripts, configs) are not checked.
import path from 'node:path';

/** @typedef {{ name: string, paths: string[], mayImport?: string[], typesFrom?: string[], packages?: string[], node?: boolean }} Layer */

const BUILTIN = /^node:/u;

/** The package an import names: `@scope/name` or `name` (a subpath is the same package). */
function packageOf(source) {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function allowsPackage(layer, pkg) {
  return (layer.packages ?? []).some((p) => p === pkg || (p.endsWith('/*') && pkg.startsWith(p.slice(0, -1))));
}

/** @param {Layer[]} layers @param {string} rel a path from the repository root, with / */
function layerOf(layers, rel) {
  return layers.find((l) => l.paths.some((p) => (p.endsWith('/') ? rel.startsWith(p) : rel === p))) ?? null;
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers: allow-lists of folders and packages per layer.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' }, layers: { type: 'array' } }, required: ['layers'], additionalProperties: false }],
    messages: {
      layer: "{{from}} may not import {{target}} ({{source}}): it may import {{allowed}}.",
      typesOnly: "{{from}} may import only types from {{target}} ({{source}}): use `import type`.",
      package: "{{from}} may not use the package '{{pkg}}': its packages are {{allowed}}.",
      builtin: "{{from}} may not use Node's '{{source}}': Node builtins belong to electron/.",
    },
  },
  create(context) {
    const { layers, root: rootOption } = context.options[0];
    const root = rootOption ?? context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const here = layerOf(layers, file);
    if (!here) return {};
    const typeOnly = (node) =>
      node.importKind === 'type' || node.exportKind === 'type' || (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
    const check = (node) => {
      if (!node.source || typeof node.source.value !== 'string') return;
      const source = node.source.value;
      if (source.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(context.filename), source)).split(path.sep).join('/');
        const there = layerOf(layers, target) ?? layerOf(layers, `${target}/`);
        const name = there?.name ?? target;
        if (there === here || (there && (here.mayImport ?? []).includes(there.name))) return;
        if (there && (here.typesFrom ?? []).includes(there.name)) {
          if (!typeOnly(node)) context.report({ node, messageId: 'typesOnly', data: { from: here.name, target: name, source } });
          return;
        }
        const allowed = [here.name, ...(here.mayImport ?? []), ...(here.typesFrom ?? []).map((t) => `types of ${t}`)].join(', ');
        context.report({ node, messageId: 'layer', data: { from: here.name, target: name, source, allowed } });
        return;
      }
      if (BUILTIN.test(source)) {
        if (!here.node) context.report({ node, messageId: 'builtin', data: { from: here.name, source } });
        return;
      }
      const pkg = packageOf(source);
      if (!allowsPackage(here, pkg)) context.report({ node, messageId: 'package', data: { from: here.name, pkg, allowed: (here.packages ?? []).join(', ') || 'none' } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: (node) => check({ ...node, source: node.source }) };
  },
};

export default { rules: { layers: layersRule } };
