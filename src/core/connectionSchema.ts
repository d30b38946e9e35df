// The stored form of a connection, as a schema: the single source of the Connection type.
import { z } from 'zod';

export const connectionSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  endpoint: z.url(),
  /** How requests authenticate: a resource key in secret storage (the default), or a Microsoft sign-in. */
  auth: z.enum(['key', 'entra']).optional(),
});

export const storedConnectionsSchema = z.array(connectionSchema);
