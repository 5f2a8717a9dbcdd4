import { z } from 'zod';
import { ContactRecordSchema } from '../db/contact-log';
import { LocalDateSchema } from '../schemas/common';

/**
 * `demo/dist/data/contacts.json`: the demo shop's contact history as contact-log records, which the
 * demo build's background writes into the contact log when handed them (entrypoints/background/seed.ts).
 * Kept apart from the generator so the extension validates the file without carrying the generator.
 */
export const DemoContactsFileSchema = z.object({
  version: z.literal(1),
  asOf: LocalDateSchema,
  timeZone: z.string(),
  contacts: z.array(ContactRecordSchema).max(100_000),
});
export type DemoContactsFile = z.infer<typeof DemoContactsFileSchema>;
