// Enumerates the leaf paths of a zod 4 schema, e.g. `persons[].location.city`. Used by the schema-evolution
// tripwire test: every leaf of the core model must have a redaction policy.

interface ZodLike {
  _zod: { def: Record<string, unknown> & { type: string } };
}

function isZod(value: unknown): value is ZodLike {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** Leaf paths of a zod schema (objects recurse, arrays add `[]`, wrappers are unwrapped). */
export function schemaLeafPaths(schema: unknown, prefix = ''): string[] {
  if (!isZod(schema)) return [prefix];
  const def = schema._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return schemaLeafPaths(def.innerType, prefix);
    case 'pipe':
      return schemaLeafPaths(def.in, prefix);
    case 'array':
      return schemaLeafPaths(def.element, `${prefix}[]`);
    case 'object': {
      const shape = (def.shape ?? {}) as Record<string, unknown>;
      return Object.keys(shape).flatMap((key) =>
        schemaLeafPaths(shape[key], prefix ? `${prefix}.${key}` : key),
      );
    }
    case 'union': {
      const options = (def.options ?? []) as unknown[];
      const paths = options.flatMap((option) => schemaLeafPaths(option, prefix));
      return [...new Set(paths)];
    }
    default:
      return [prefix];
  }
}
