// npx tsx scripts/write-schemas.ts — regenerates resources/wall/schemas/*.schema.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../electron/core/config/resources.js';
import { wallJsonSchemas } from '../electron/core/config/json-schemas.js';

for (const [name, schema] of Object.entries(wallJsonSchemas())) {
  const file = join(resourcesDir(), 'wall', 'schemas', `${name}.schema.json`);
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
