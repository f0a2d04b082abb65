import type { Marking } from './common.js';
import { TLP_LEVELS } from './common.js';
import type { CollectionName, Dataset } from './dataset.js';
import { SENSITIVE_FIELDS } from './dataset.js';

/**
 * The marking that applies to `record`: the stricter of the dataset's marking and the record's own. The TLP
 * level is the higher of the two; at equal levels the audiences intersect; sensitive fields are the union.
 * A record can make itself stricter than its dataset, never more shareable.
 *
 * @param dataset - Anything with the dataset's `marking`.
 * @param record - Any record (or `undefined` for the dataset itself).
 * @returns A new marking object; the inputs are not changed.
 *
 * @example
 * ```ts
 * import { effectiveMarking } from '@vigil/core';
 *
 * effectiveMarking({ marking: { tlp: 'green' } }, { marking: { tlp: 'clear' } }).tlp; // 'green'
 * effectiveMarking({ marking: { tlp: 'green' } }, { marking: { tlp: 'red' } }).tlp; // 'red'
 * ```
 */
export function effectiveMarking(
  dataset: Pick<Dataset, 'marking'>,
  record?: { readonly marking?: Marking | undefined },
): Marking {
  const outer = dataset.marking;
  const inner = record?.marking;
  if (inner === undefined) return copyMarking(outer);
  const outerRank = TLP_LEVELS.indexOf(outer.tlp);
  const innerRank = TLP_LEVELS.indexOf(inner.tlp);
  const strict = innerRank >= outerRank ? inner : outer;
  const result: Marking = { tlp: strict.tlp };
  let audience: string[] | undefined;
  if (outerRank === innerRank && outer.audience !== undefined && inner.audience !== undefined) {
    const keep = new Set(outer.audience);
    audience = inner.audience.filter((id) => keep.has(id));
  } else if (outerRank === innerRank) {
    audience = inner.audience ?? outer.audience;
  } else {
    audience = strict.audience;
  }
  if (audience !== undefined) result.audience = [...audience];
  const fields = [...new Set([...(outer.sensitiveFields ?? []), ...(inner.sensitiveFields ?? [])])];
  if (fields.length > 0) result.sensitiveFields = fields;
  const statement = inner.statement ?? outer.statement;
  if (statement !== undefined) result.statement = statement;
  return result;
}

function copyMarking(marking: Marking): Marking {
  const result: Marking = { tlp: marking.tlp };
  if (marking.audience !== undefined) result.audience = [...marking.audience];
  if (marking.sensitiveFields !== undefined) result.sensitiveFields = [...marking.sensitiveFields];
  if (marking.statement !== undefined) result.statement = marking.statement;
  return result;
}

/**
 * Tells whether `field` of a record in `collection` is sensitive (a direct identifier or private content):
 * listed in {@link SENSITIVE_FIELDS} for the collection, or named in the record's `marking.sensitiveFields`.
 *
 * @example
 * ```ts
 * import { isSensitiveField } from '@vigil/core';
 *
 * isSensitiveField('persons', 'realName'); // true
 * isSensitiveField('persons', 'roleDescription', { marking: { tlp: 'amber', sensitiveFields: ['roleDescription'] } }); // true
 * isSensitiveField('organizations', 'name'); // false
 * ```
 */
export function isSensitiveField(
  collection: CollectionName,
  field: string,
  record?: { readonly marking?: Marking | undefined },
): boolean {
  if (SENSITIVE_FIELDS[collection].includes(field)) return true;
  return record?.marking?.sensitiveFields?.includes(field) ?? false;
}
