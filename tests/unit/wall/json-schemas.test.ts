import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../../../electron/core/config/resources.js';
import { wallJsonSchemas } from '../../../electron/core/config/json-schemas.js';

describe('published JSON Schemas', () => {
  it('match the valibot schemas the wall validates with (regenerate: npx tsx scripts/write-schemas.ts)', () => {
    for (const [name, schema] of Object.entries(wallJsonSchemas())) {
      const committed = JSON.parse(readFileSync(join(resourcesDir(), 'wall', 'schemas', `${name}.schema.json`), 'utf8')) as unknown;
      expect(committed, name).toEqual(schema);
    }
  });
  it('describe preset actions of key remaps', () => {
    expect(JSON.stringify(wallJsonSchemas()['wall-profile'])).toContain('^preset:[1-9]$');
  });
});
