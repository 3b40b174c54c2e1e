import type { KindDefinition } from './kind.js';
import { employment } from './employment/index.js';
import { enrollment } from './enrollment/index.js';
import { graduateIndustry } from './graduate-industry/index.js';
import { graduateOutcome } from './graduate-outcome/index.js';
import { graduateRegion } from './graduate-region/index.js';
import { jobPosting } from './job-posting/index.js';
import { occupationGroup } from './occupation-group/index.js';
import { school } from './school/index.js';
import { shortage } from './shortage/index.js';

/**
 * Every record kind ingest loads, by the id mapping files name in `kind`. Adding a kind is a
 * folder beside these (schema.ts, index.ts with its rules, the SQL of its core table) and a line
 * here; the runner creates its raw and core tables.
 */
export const KINDS = {
  job_posting: jobPosting,
  enrollment,
  graduate_outcome: graduateOutcome,
  shortage,
  occupation_group: occupationGroup,
  school,
  graduate_region: graduateRegion,
  graduate_industry: graduateIndustry,
  employment,
} as const satisfies Record<string, KindDefinition>;

/** A record kind id. */
export type RecordKind = keyof typeof KINDS;

/** Every record kind id, in registry order. */
export const RECORD_KINDS = Object.keys(KINDS) as [RecordKind, ...RecordKind[]];

/** The definition of a record kind. */
export function kindDefinition(kind: RecordKind): KindDefinition {
  return KINDS[kind];
}
