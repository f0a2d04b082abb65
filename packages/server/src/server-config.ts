import { z } from 'zod';

const name = z.string().regex(/^[A-Za-z0-9._-]+$/, 'Use letters, digits, ".", "_" or "-"');

/**
 * A registry configuration file (JSON), as the `vigil serve` command reads it: the {@link StartServerOptions}
 * that can be written as JSON. Validate a file with `ServerConfigSchema.safeParse(JSON.parse(text))`; each
 * problem comes with a path (`keys.0.role`).
 *
 * @example
 * ```ts
 * import { ServerConfigSchema, startServer } from '@vigil/server';
 *
 * const config = ServerConfigSchema.parse({
 *   database: './vigil.db',
 *   port: 8080,
 *   keys: [{ key: 'lab-secret-0001', organization: 'organization--lab', role: 'admin' }],
 * });
 * const { url } = await startServer(config);
 * ```
 */
export const ServerConfigSchema = z
  .object({
    database: z
      .union([
        z.string().min(1),
        z.object({ kind: z.literal('sqlite'), path: z.string().min(1) }).strict(),
        z
          .object({
            kind: z.literal('postgres'),
            url: z.string().regex(/^postgres(ql)?:\/\//, 'Expected a postgres:// connection string'),
            schema: z
              .string()
              .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'Use lower-case letters, digits and "_"')
              .optional(),
            poolSize: z.number().int().positive().optional(),
          })
          .strict(),
      ])
      .optional(),
    host: z.string().min(1).optional(),
    port: z.number().int().min(0).max(65535).optional(),
    keys: z
      .array(
        z
          .object({
            key: z.string().min(8, 'Keys need at least 8 characters').optional(),
            keySha256: z
              .string()
              .regex(/^[0-9a-fA-F]{64}$/, 'Expected the SHA-256 of the key as 64 hex digits')
              .optional(),
            organization: z.string().min(1),
            role: z.enum(['read', 'write', 'admin']),
            collections: z.array(name).optional(),
            label: z.string().optional(),
          })
          .strict()
          .refine((k) => (k.key === undefined) !== (k.keySha256 === undefined), {
            message: 'Give either key or keySha256',
          }),
      )
      .min(1, 'Configure at least one key'),
    collections: z
      .array(
        z
          .object({
            id: name,
            title: z.string().min(1),
            description: z.string().optional(),
            alias: name.optional(),
            adminWriteOnly: z.boolean().optional(),
          })
          .strict(),
      )
      .optional(),
    maxBodyBytes: z.number().int().positive().optional(),
    maxPageSize: z.number().int().positive().optional(),
    asyncThreshold: z.number().int().positive().optional(),
    statusRetentionHours: z
      .number()
      .int()
      .min(24, 'TAXII asks to keep statuses at least 24 hours')
      .optional(),
    apiRoot: name.optional(),
    title: z.string().min(1).optional(),
    description: z.string().optional(),
    contact: z.string().optional(),
    publicUrl: z.url().optional(),
  })
  .strict();
/**
 * A registry configuration file, see {@link ServerConfigSchema}.
 *
 * @example
 * ```ts
 * import type { ServerConfig } from '@vigil/server';
 *
 * const config: ServerConfig = { database: './vigil.db', keys: [{ key: 'a-long-random-key', organization: 'organization--lab', role: 'admin' }] };
 * ```
 */
export type ServerConfig = z.infer<typeof ServerConfigSchema>;
