import { DatasetSchema, EvidenceLevelSchema, RecordIdSchema, TlpSchema } from '@vigil/core';
import { z } from 'zod';

/**
 * A case as the registry serves it: the @vigil/core dataset with the registry's bookkeeping. For an
 * organisation other than the owner, `dataset` is a filtered view: records marked TLP:RED or AMBER+STRICT
 * whose audience does not include the caller are left out (counted in `withheld`), and sensitive fields
 * (`SENSITIVE_FIELDS` and each marking's `sensitiveFields`) are removed (counted in `redactedFields`).
 *
 * @example
 * ```ts
 * import { CaseResourceSchema } from '@vigil/server';
 *
 * const response = await fetch('http://127.0.0.1:8080/api/v1/cases/dataset--example', {
 *   headers: { Authorization: 'Bearer lab-secret-1' },
 * });
 * const found = CaseResourceSchema.parse(await response.json());
 * console.log(found.revision, response.headers.get('etag'));
 * ```
 */
export const CaseResourceSchema = z
  .object({
    /** The dataset id, also the last URL segment. */
    id: RecordIdSchema,
    /** The organisation that owns the case (the organisation of the key that created it). */
    organization: z.string().min(1),
    /** Starts at 1, +1 on each update; the ETag is this number in quotes. */
    revision: z.number().int().positive(),
    created: z.iso.datetime(),
    updated: z.iso.datetime(),
    /** Records left out of this view because of their TLP marking. */
    withheld: z.number().int().nonnegative(),
    /** Sensitive fields removed from this view. */
    redactedFields: z.number().int().nonnegative(),
    dataset: DatasetSchema,
  })
  .strict();
/**
 * A case as served, see {@link CaseResourceSchema}.
 *
 * @example
 * ```ts
 * import type { CaseResource } from '@vigil/server';
 *
 * declare const served: CaseResource;
 * console.log(served.revision, served.dataset.title);
 * ```
 */
export type CaseResource = z.infer<typeof CaseResourceSchema>;

/**
 * One case in a list or search result, computed from the caller's view of it.
 *
 * @example
 * ```ts
 * import { CaseSummarySchema } from '@vigil/server';
 *
 * CaseSummarySchema.parse({
 *   id: 'dataset--example',
 *   title: 'Example case',
 *   organization: 'organization--lab',
 *   revision: 1,
 *   updated: '2026-01-01T00:00:00.000Z',
 *   tlp: 'amber',
 *   countries: ['HU'],
 *   levels: ['targeted'],
 * });
 * ```
 */
export const CaseSummarySchema = z
  .object({
    id: RecordIdSchema,
    title: z.string(),
    organization: z.string().min(1),
    revision: z.number().int().positive(),
    updated: z.iso.datetime(),
    /** The case-level TLP. */
    tlp: TlpSchema,
    /** Country codes that occur in the visible records, sorted. */
    countries: z.array(z.string()),
    /** Evidence levels that the visible evidence supports for the case's persons, lowest first. */
    levels: z.array(EvidenceLevelSchema),
  })
  .strict();
/**
 * A case summary, see {@link CaseSummarySchema}.
 *
 * @example
 * ```ts
 * import type { CaseSummary } from '@vigil/server';
 *
 * declare const summary: CaseSummary;
 * console.log(summary.id, summary.title);
 * ```
 */
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

/**
 * A page of cases, by ascending id. `next` is an opaque cursor for the following page, absent on the last.
 *
 * @example
 * ```ts
 * import { CaseListSchema } from '@vigil/server';
 *
 * const page = CaseListSchema.parse({ items: [] });
 * page.next; // undefined: the last page
 * ```
 */
export const CaseListSchema = z
  .object({
    items: z.array(CaseSummarySchema),
    next: z.string().optional(),
  })
  .strict();
/**
 * A page of cases, see {@link CaseListSchema}.
 *
 * @example
 * ```ts
 * import type { CaseList } from '@vigil/server';
 *
 * declare const page: CaseList;
 * for (const c of page.items) console.log(c.id);
 * ```
 */
export type CaseList = z.infer<typeof CaseListSchema>;

/**
 * RFC 9457 problem details, as every case-API error is answered (`application/problem+json`). `errors`
 * lists each input problem with a JSON Pointer `path` and a `code`.
 *
 * @example
 * ```ts
 * import { ProblemSchema } from '@vigil/server';
 *
 * ProblemSchema.parse({
 *   type: 'https://vigil.example/problems/unprocessable-content',
 *   title: 'Invalid dataset',
 *   status: 422,
 *   detail: '1 problem',
 *   instance: '/api/v1/cases',
 *   errors: [{ path: '/title', code: 'too_small', message: 'Too small' }],
 * });
 * ```
 */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
});
/**
 * Problem details, see {@link ProblemSchema}.
 *
 * @example
 * ```ts
 * import type { Problem } from '@vigil/server';
 *
 * declare const problem: Problem;
 * console.log(problem.status, problem.title);
 * ```
 */
export type Problem = z.infer<typeof ProblemSchema>;

/**
 * The history of a case, oldest revision first (`GET /api/v1/cases/{id}/revisions`, owner only). Each
 * revision is readable at `/api/v1/cases/{id}/revisions/{revision}` as a {@link CaseResource}.
 *
 * @example
 * ```ts
 * import { CaseRevisionListSchema } from '@vigil/server';
 *
 * CaseRevisionListSchema.parse({
 *   items: [{ revision: 1, updated: '2026-01-01T00:00:00.000Z', organization: 'organization--lab' }],
 * });
 * ```
 */
export const CaseRevisionListSchema = z
  .object({
    items: z.array(
      z
        .object({
          revision: z.number().int().positive(),
          updated: z.iso.datetime(),
          organization: z.string().min(1),
        })
        .strict(),
    ),
  })
  .strict();
/**
 * The history of a case, see {@link CaseRevisionListSchema}.
 *
 * @example
 * ```ts
 * import type { CaseRevisionList } from '@vigil/server';
 *
 * declare const history: CaseRevisionList;
 * console.log(history.items.length);
 * ```
 */
export type CaseRevisionList = z.infer<typeof CaseRevisionListSchema>;
