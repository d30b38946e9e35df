// The stored form of a connection, as a schema: the single source of the Connection type.
import { z } from 'zod';

export const connectionSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  endpoint: z.url(),
});

export const storedConnectionsSchema = z.array(connectionSchema);
