import { z } from 'zod';
import { MAJOR_CATALOGS } from './code-shapes.js';

/** Column order of each kind of code-list CSV (the header must hold exactly these). */
export const CODE_LIST_COLUMNS = {
  industry: ['code', 'name', 'level', 'parent_code', 'section_code'],
  occupation: ['code', 'name', 'level', 'parent_code', 'is_occupation', 'occupation_name', 'is_digital', 'is_green', 'definition'],
  region: ['code', 'name', 'level', 'parent_code', 'province_code'],
  major: ['code', 'name', 'catalog', 'level', 'parent_code', 'is_national_control', 'is_special'],
} as const;

/** Column order of every `reconciliation/<list>.csv`. */
export const RECONCILIATION_FILE_COLUMNS = ['list_id', 'code', 'issue', 'resolution', 'evidence', 'level', 'count_gap'] as const;

/** The code shapes the loader knows (one per kind of list). */
export const CODE_SCHEMES = ['industry', 'occupation', 'region', 'major'] as const;
export type CodeScheme = (typeof CODE_SCHEMES)[number];

const relativeFile = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'must be a path inside datasets/reference/');

/** Where a list was copied from. */
export const SourceSchema = z.object({
  /** GitHub owner/name the copy came from. */
  repo: z.string().min(1),
  /** Commit the file was read at (40 hex digits). */
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  /** Path of the file in that repository. */
  path: z.string().min(1),
  /** Licence the repository states ("none stated" when it states none). */
  licence: z.string().min(1),
  /** Where the copy sits in this workspace (../shared/reference/…). */
  copy: z.string().min(1),
  /** Role of the copy (primary, cross-check…). */
  note: z.string().optional(),
});

/** Official total of one level and how the loaded count is taken. */
export const LevelSchema = z.object({
  /** Level name as written in the CSV's level column (e.g. 小类). */
  level: z.string().min(1),
  /** Total the edition publishes; null where none is published. */
  official: z.number().int().nonnegative().nullable(),
  /** Why loaded and official may differ, or what the total covers. */
  note: z.string().optional(),
  /**
   * Count rows whose boolean column of this name is true, instead of rows of this level (the
   * 大典's 1636 occupations include 小类 that are occupations in their own right).
   */
  countColumn: z.string().optional(),
});

/** One code list: files of one scheme loaded into one ref table. */
export const ListSchema = z
  .object({
    /** Stable identifier: industry, occupation, region, major_zhongzhi, major_gaozhi, major_zhiben, major_benke. */
    listId: z.string().regex(/^[a-z][a-z0-9_]*$/),
    /** Target table in schema ref. */
    table: z.enum(['ref.industry', 'ref.occupation', 'ref.region', 'ref.major']),
    /** How codes are shaped: decides the level and parent checks. */
    scheme: z.enum(CODE_SCHEMES),
    /** For majors: the catalogue every row must name (中职, 高职专科, 职业本科, 本科). */
    catalog: z.enum(MAJOR_CATALOGS).optional(),
    /** CSV files, relative to datasets/reference/. */
    files: z.array(relativeFile).min(1),
    /** Edition of the standard the rows are. */
    edition: z.string().min(1),
    /** Copies the files were derived from. */
    sources: z.array(SourceSchema).min(1),
    /** Reconciliation CSV, relative to datasets/reference/. */
    reconciliation: relativeFile,
    /** Levels, top first, with the edition's totals. */
    levels: z.array(LevelSchema).min(1),
  })
  .refine((l) => (l.scheme === 'major') === (l.catalog !== undefined), {
    message: 'catalog is required for scheme major and only there',
    path: ['catalog'],
  })
  .refine((l) => l.table === (l.scheme === 'major' ? 'ref.major' : `ref.${l.scheme}`), {
    message: 'table does not match scheme',
    path: ['table'],
  });

/** datasets/reference/code-lists.json */
export const CodeListsManifestSchema = z.object({
  description: z.string().optional(),
  lists: z
    .array(ListSchema)
    .min(1)
    .refine((ls) => new Set(ls.map((l) => l.listId)).size === ls.length, 'listId values must be unique'),
});

export type CodeListsManifest = z.infer<typeof CodeListsManifestSchema>;
export type ListManifest = z.infer<typeof ListSchema>;
