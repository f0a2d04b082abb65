import { uuidv5 } from './uuid.js';

/** The namespace of Vigil's deterministic STIX ids (a fixed random UUID). */
export const VIGIL_STIX_NAMESPACE = '86da9390-6994-4697-bbb2-66938436ea23';

/** The deterministic STIX id of a Vigil record (or any stable name) as a STIX object of `type`. */
export function stixId(type: string, name: string): string {
  return `${type}--${uuidv5(name, VIGIL_STIX_NAMESPACE)}`;
}
