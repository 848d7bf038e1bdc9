// The published JSON Schemas of profiles and layouts, generated from the valibot schemas
// so the two can never disagree (a unit test compares them with the committed files).
import { toJsonSchema, type ConversionConfig } from '@valibot/to-json-schema';
import { AlarmRulesSchema, ContactsSchema, LayoutSchema, ShiftRosterSchema, WallProfileSchema, WatchRulesSchema } from '../../contract/wall-config-schemas.js';

export function wallJsonSchemas(): Record<'wall-profile' | 'layout' | 'contacts' | 'shifts' | 'alarms' | 'watch', object> {
  // `custom` actions (preset:N) have no JSON Schema form: they are described by a pattern instead.
  const opts: ConversionConfig = {
    errorMode: 'ignore',
    overrideSchema: (ctx) => (ctx.valibotSchema.type === 'custom' ? { type: 'string', pattern: '^preset:[1-9]$' } : undefined),
  };
  return {
    'wall-profile': {
      $id: 'https://soc-wall.local/schemas/wall-profile.schema.json',
      title: 'SOC Wall profile',
      ...toJsonSchema(WallProfileSchema, opts),
    },
    layout: { $id: 'https://soc-wall.local/schemas/layout.schema.json', title: 'SOC Wall layout', ...toJsonSchema(LayoutSchema, opts) },
    contacts: { $id: 'https://soc-wall.local/schemas/contacts.schema.json', title: 'SOC Wall outage contacts', ...toJsonSchema(ContactsSchema, opts) },
    shifts: { $id: 'https://soc-wall.local/schemas/shifts.schema.json', title: 'SOC Wall shift roster', ...toJsonSchema(ShiftRosterSchema, opts) },
    alarms: { $id: 'https://soc-wall.local/schemas/alarms.schema.json', title: 'SOC Wall alarm rules', ...toJsonSchema(AlarmRulesSchema, opts) },
    watch: { $id: 'https://soc-wall.local/schemas/watch.schema.json', title: 'SOC Wall watch on silent sources', ...toJsonSchema(WatchRulesSchema, opts) },
  };
}
