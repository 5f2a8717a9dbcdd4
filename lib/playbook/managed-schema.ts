/**
 * Enterprise policy for Huitouke: an administrator pushes a playbook pack that every agent's
 * browser applies as locked (usable, not editable). Chrome reads this schema from the file the
 * manifest names in `storage.managed_schema`; the build writes it from here.
 *
 * Chrome policy (e.g. Windows registry, macOS profile, or Linux
 * /etc/chromium/policies/managed/huitouke.json):
 *   { "3rdparty": { "extensions": { "<extension id>": { "playbookPack": "<the exported pack JSON>" } } }
 */
export const MANAGED_PACK_KEY = 'playbookPack';
export const MANAGED_SCHEMA_FILE = 'managed_schema.json';

export const MANAGED_SCHEMA = {
  type: 'object',
  properties: {
    [MANAGED_PACK_KEY]: {
      title: 'Huitouke playbook pack',
      description:
        'A playbook pack exported from the Huitouke workspace (Team → Export pack), as JSON text. Its templates, coupons, rules and settings are applied as locked on every agent.',
      type: 'string',
    },
  },
} as const;
