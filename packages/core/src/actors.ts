import { z } from 'zod';
import {
  CountryCodeSchema,
  FuzzyDateSchema,
  LocationSchema,
  PeriodSchema,
  RecordBaseSchema,
  RecordIdSchema,
} from './common.js';

/**
 * Professional roles a person can hold.
 *
 * @example
 * ```ts
 * import { PROFESSIONAL_ROLES } from '@vigil/core';
 *
 * PROFESSIONAL_ROLES.includes('journalist'); // true
 * ```
 */
export const PROFESSIONAL_ROLES = [
  'journalist',
  'editor',
  'media-worker',
  'human-rights-defender',
  'lawyer',
  'activist',
  'politician',
  'head-of-state',
  'head-of-government',
  'minister',
  'diplomat',
  'academic',
  'religious-leader',
  'union-leader',
  'business',
  'government-official',
  'other',
] as const;

/**
 * How one person relates to another (or to an organisation).
 *
 * @example
 * ```ts
 * import { RelationshipKindSchema } from '@vigil/core';
 *
 * RelationshipKindSchema.parse('fiancee');
 * ```
 */
export const RelationshipKindSchema = z.enum([
  'spouse',
  'fiancee',
  'partner',
  'parent',
  'child',
  'sibling',
  'other-relative',
  'friend',
  'colleague',
  'lawyer-of',
  'client-of',
  'employee-of',
  'member-of',
]);
/**
 * How one person relates to another.
 *
 * @example
 * ```ts
 * import { RelationshipKindSchema, type RelationshipKind } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: RelationshipKind = RelationshipKindSchema.parse(json);
 * ```
 */
export type RelationshipKind = z.infer<typeof RelationshipKindSchema>;

/**
 * A consent record: may this person's real name be published, shared with partners, used in litigation?
 *
 * @example
 * ```ts
 * import { ConsentSchema } from '@vigil/core';
 *
 * ConsentSchema.parse({ status: 'given', scope: ['publish-name'] });
 * ```
 */
export const ConsentSchema = z
  .object({
    status: z.enum(['given', 'partial', 'refused', 'unknown', 'not-required']),
    scope: z.array(z.enum(['publish-name', 'share-with-partners', 'litigation', 'un-submission'])).optional(),
    date: FuzzyDateSchema.optional(),
    basis: z.string().optional(),
  })
  .strict();
/**
 * A consent record.
 *
 * @example
 * ```ts
 * import { ConsentSchema, type Consent } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Consent = ConsentSchema.parse(json);
 * ```
 */
export type Consent = z.infer<typeof ConsentSchema>;

/**
 * A person: a target or another party. The pseudonym is the only name every audience may see; `realName` is
 * sensitive and may be present only where consent allows or the marking is not CLEAR.
 *
 * @example
 * ```ts
 * import { PersonSchema } from '@vigil/core';
 *
 * PersonSchema.parse({
 *   id: 'person--p1',
 *   pseudonym: 'Journalist A',
 *   roles: ['journalist'],
 *   consent: { status: 'unknown' },
 * });
 * ```
 */
export const PersonSchema = RecordBaseSchema.extend({
  pseudonym: z.string().min(1),
  /** `group` for a record that stands for several unnamed people ("14 serving ministers"); default `individual`. */
  kind: z.enum(['individual', 'group']).optional(),
  /** For a `group`: how many people it stands for, as the source states. */
  groupSize: z.number().int().positive().optional(),
  realName: z.string().min(1).optional(),
  roles: z.array(z.enum(PROFESSIONAL_ROLES)).default([]),
  roleDescription: z.string().optional(),
  atRiskGroups: z
    .array(
      z.enum([
        'press-media',
        'human-rights-defender',
        'lgbtqi',
        'minority',
        'exile-diaspora',
        'women',
        'family-of-target',
        'other',
      ]),
    )
    .optional(),
  nationality: z.array(CountryCodeSchema).optional(),
  location: LocationSchema.optional(),
  affiliations: z
    .array(
      z
        .object({
          organization: RecordIdSchema,
          role: z.string().optional(),
          period: PeriodSchema.optional(),
        })
        .strict(),
    )
    .optional(),
  relationships: z
    .array(
      z
        .object({ kind: RelationshipKindSchema, to: RecordIdSchema, period: PeriodSchema.optional() })
        .strict(),
    )
    .optional(),
  deceased: z
    .object({ date: FuzzyDateSchema.optional(), circumstance: z.string().optional() })
    .strict()
    .optional(),
  consent: ConsentSchema,
}).strict();
/**
 * A person, see {@link PersonSchema}.
 *
 * @example
 * ```ts
 * import { PersonSchema, type Person } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Person = PersonSchema.parse(json);
 * ```
 */
export type Person = z.infer<typeof PersonSchema>;

/**
 * Kinds of organisation.
 *
 * @example
 * ```ts
 * import { ORGANIZATION_KINDS } from '@vigil/core';
 *
 * ORGANIZATION_KINDS.includes('vendor'); // true
 * ```
 */
export const ORGANIZATION_KINDS = [
  'vendor',
  'government',
  'government-agency',
  'intelligence-service',
  'law-enforcement',
  'media-outlet',
  'media-consortium',
  'forensic-lab',
  'ngo',
  'un-body',
  'intergovernmental',
  'academic',
  'court',
  'other',
] as const;

/**
 * An organisation: vendor, government agency, media outlet, forensic lab, NGO, UN body...
 *
 * @example
 * ```ts
 * import { OrganizationSchema } from '@vigil/core';
 *
 * OrganizationSchema.parse({ id: 'organization--lab', name: 'Example Lab', kind: 'forensic-lab', country: 'CA' });
 * ```
 */
export const OrganizationSchema = RecordBaseSchema.extend({
  name: z.string().min(1),
  kind: z.enum(ORGANIZATION_KINDS),
  country: CountryCodeSchema.optional(),
  aliases: z.array(z.string().min(1)).optional(),
  parent: RecordIdSchema.optional(),
}).strict();
/**
 * An organisation, see {@link OrganizationSchema}.
 *
 * @example
 * ```ts
 * import { OrganizationSchema, type Organization } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Organization = OrganizationSchema.parse(json);
 * ```
 */
export type Organization = z.infer<typeof OrganizationSchema>;

/**
 * A surveillance product (spyware), with its vendor and known versions.
 *
 * @example
 * ```ts
 * import { ProductSchema } from '@vigil/core';
 *
 * ProductSchema.parse({ id: 'product--x', name: 'ExampleSpy', vendor: 'organization--v', kind: 'spyware' });
 * ```
 */
export const ProductSchema = RecordBaseSchema.extend({
  name: z.string().min(1),
  vendor: RecordIdSchema.optional(),
  kind: z.enum(['spyware', 'exploit-chain', 'network-injection', 'forensic-extraction-tool', 'other']),
  aliases: z.array(z.string().min(1)).optional(),
  platforms: z.array(z.enum(['ios', 'android', 'windows', 'macos', 'linux', 'other'])).optional(),
  versions: z.array(z.object({ label: z.string(), period: PeriodSchema.optional() }).strict()).optional(),
}).strict();
/**
 * A product, see {@link ProductSchema}.
 *
 * @example
 * ```ts
 * import { ProductSchema, type Product } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Product = ProductSchema.parse(json);
 * ```
 */
export type Product = z.infer<typeof ProductSchema>;

/**
 * An exploit or vulnerability used to deliver a product.
 *
 * @example
 * ```ts
 * import { ExploitSchema } from '@vigil/core';
 *
 * ExploitSchema.parse({ id: 'exploit--x', name: 'EXAMPLEKICK', cves: ['CVE-2021-0001'], interaction: 'zero-click' });
 * ```
 */
export const ExploitSchema = RecordBaseSchema.extend({
  name: z.string().min(1),
  cves: z.array(z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'Expected a CVE id like CVE-2021-30860')).optional(),
  interaction: z.enum(['zero-click', 'one-click', 'physical', 'unknown']),
  vector: z
    .enum(['imessage', 'whatsapp', 'sms-link', 'network-injection', 'browser', 'malicious-document', 'other'])
    .optional(),
  products: z.array(RecordIdSchema).optional(),
  firstSeen: FuzzyDateSchema.optional(),
}).strict();
/**
 * An exploit, see {@link ExploitSchema}.
 *
 * @example
 * ```ts
 * import { ExploitSchema, type Exploit } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Exploit = ExploitSchema.parse(json);
 * ```
 */
export type Exploit = z.infer<typeof ExploitSchema>;

/**
 * An operator cluster named by a lab; its link to a government client is an {@link Attribution}.
 *
 * @example
 * ```ts
 * import { OperatorSchema } from '@vigil/core';
 *
 * OperatorSchema.parse({ id: 'operator--x', name: 'EXAMPLE-OP', namedBy: 'organization--lab' });
 * ```
 */
export const OperatorSchema = RecordBaseSchema.extend({
  name: z.string().min(1),
  namedBy: RecordIdSchema.optional(),
  products: z.array(RecordIdSchema).optional(),
  suspectedCountry: CountryCodeSchema.optional(),
  active: PeriodSchema.optional(),
}).strict();
/**
 * An operator, see {@link OperatorSchema}.
 *
 * @example
 * ```ts
 * import { OperatorSchema, type Operator } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Operator = OperatorSchema.parse(json);
 * ```
 */
export type Operator = z.infer<typeof OperatorSchema>;
