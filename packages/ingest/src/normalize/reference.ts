/**
 * What the posting coders code against: the national code lists (read by @talent/models' one
 * code-list reader from the configured reference folder) and the platform dictionaries of the
 * configured dictionaries folder. Read once per run and handed to {@link buildCoders}.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readCodeLists, type CodeTrees } from '@talent/models';
import type { OccupationCalibration, OccupationModelData } from './occupation/model.js';

/** One GB/T 2260 administrative division (6-digit code). */
export interface Region {
  code: string;
  name: string;
  /** 1 province, 2 prefecture, 3 county. */
  level: 1 | 2 | 3;
  parentCode: string | null;
}

/** One node of the GB/T 4754-2017 tree. */
export interface IndustryNode {
  code: string;
  name: string;
  /** null for a 门类. */
  parentCode: string | null;
}

/** One dictionary row: platform industry name → GB/T 4754 code. */
export interface IndustryTerm {
  term: string;
  code: string;
}

/** One 职业分类大典 2022 node; `name` has the S/L digital/green markers stripped. */
export interface Occupation {
  code: string;
  name: string;
  /** The occupation's own name where the code is an occupation and names it otherwise (6-29-05-00 古建筑修建人员: 古建筑工); else empty. */
  occupationName: string;
  definition: string;
  isDigital: boolean;
  isGreen: boolean;
}

/** One alias row: a platform job name → 大典 code, with how much it says (tier 0–4). */
export interface OccupationAlias {
  alias: string;
  code: string;
  tier: number;
  /** Where the word was read: `boss` (a BOSS直聘 position name holds it), `csco` (大典 text), `titles` (job titles). */
  source?: DictionarySource;
}

/** Where a dictionary word can be read (see `datasets/dictionaries/README.md`). */
const DICTIONARY_SOURCES = ['boss', 'csco', 'titles'] as const;
export type DictionarySource = (typeof DICTIONARY_SOURCES)[number];

/**
 * One composition word: a role head whose code depends on the domain named before it, or a domain
 * with the code of an engineer and of a worker of that domain.
 */
export interface OccupationCompositionTerm {
  term: string;
  kind: 'head-engineering' | 'head-production' | 'head-teaching' | 'domain';
  /** Domain: its engineering code; head-engineering: a code that overrides the domain's, if any. */
  engineeringCode: string | null;
  /** Domain: the code of a production worker of the domain, if the 大典 has one. */
  productionCode: string | null;
  /** Domain: the code of a teacher of the domain or school stage (少儿 → 2-08-99-00). */
  teachingCode: string | null;
  /** Where the word was read (as for aliases). */
  source?: DictionarySource;
}

/** A row of the IT field (`occupation_it_field.csv`): a 大典 code with the codes under it, and the code of their teachers. */
export interface OccupationItFieldRow {
  code: string;
  teachingCode: string;
}

/** Everything the coders are built from. */
export interface CoderReference {
  regions: Region[];
  industries: IndustryNode[];
  industryTerms: IndustryTerm[];
  occupations: Occupation[];
  occupationAliases: OccupationAlias[];
  occupationComposition: OccupationCompositionTerm[];
  /** The IT field's codes (occupation_it_field.csv). */
  occupationItField: OccupationItFieldRow[];
  /**
   * Words that as a whole title name no occupation (经理, 师傅, 教练; occupation_bare_words.csv):
   * taught to the model as titles of the no-occupation class.
   */
  occupationBareWords: string[];
  /** The occupation coder's learned weights. */
  occupationModel: OccupationModelData;
  /** The occupation coder's calibration of confidence per stated level. */
  occupationCalibration: OccupationCalibration;
  /** Words meaning "the whole of the division named before" (区内, 全省; datasets/dictionaries/region_scope_words.csv). */
  regionScopeWords: string[];
}

/** Where the reference data lives (the configuration's folders). */
export interface CoderReferencePaths {
  referenceDir: string;
  dictionariesDir: string;
}

const REGION_LEVEL: Record<string, 1 | 2 | 3> = { 省: 1, 市: 2, 县: 3 };
const MARKER = /(L\/S|S\/L|S|L)$/;

function readDictionary(dir: string, file: string): Record<string, string>[] {
  return parse(readFileSync(join(dir, file)), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
}

/** The code lists as the coders need them, from trees already read. */
export function coderReferenceFromTrees(
  trees: Pick<CodeTrees, 'region' | 'industry' | 'occupation'>,
): Pick<CoderReference, 'regions' | 'industries' | 'occupations'> {
  const entries = <T>(tree: { entries: ReadonlyMap<string, T> }) => [...tree.entries.values()];
  return {
    regions: entries(trees.region).map((e) => ({
      code: e.code,
      name: e.name,
      level: REGION_LEVEL[e.level] ?? 3,
      parentCode: e.parentCode,
    })),
    industries: entries(trees.industry).map((e) => ({ code: e.code, name: e.name, parentCode: e.parentCode })),
    occupations: entries(trees.occupation).map((e) => ({
      code: e.code,
      name: e.name.replace(MARKER, ''),
      occupationName: e.row.is_occupation === 'true' ? (e.row.occupation_name ?? '').replace(MARKER, '') : '',
      definition: e.row.definition ?? '',
      isDigital: e.row.is_digital === 'true',
      isGreen: e.row.is_green === 'true',
    })),
  };
}

function dictionarySource(value: string | undefined): DictionarySource {
  const known = DICTIONARY_SOURCES.find((s) => s === value);
  if (known) return known;
  throw new Error(`dictionary source ${JSON.stringify(value)} is not one of ${DICTIONARY_SOURCES.join(', ')}`);
}

/** The occupation coder's dictionaries (aliases and composition words) from the dictionaries folder. */
export function readOccupationDictionaries(
  dictionariesDir: string,
): Pick<CoderReference, 'occupationAliases' | 'occupationComposition' | 'occupationItField' | 'occupationBareWords'> {
  return {
    occupationAliases: readDictionary(dictionariesDir, 'occupation_aliases.csv').map((r) => ({
      alias: r.alias!,
      code: r.csco_code!,
      tier: Number(r.tier),
      source: dictionarySource(r.source),
    })),
    occupationComposition: readDictionary(dictionariesDir, 'occupation_composition.csv').map((r) => ({
      term: r.term!,
      kind: r.kind as OccupationCompositionTerm['kind'],
      engineeringCode: r.engineering_code || null,
      productionCode: r.production_code || null,
      teachingCode: r.teaching_code || null,
      source: dictionarySource(r.source),
    })),
    occupationItField: readDictionary(dictionariesDir, 'occupation_it_field.csv').map((r) => ({
      code: r.code!,
      teachingCode: r.teaching_code!,
    })),
    occupationBareWords: readDictionary(dictionariesDir, 'occupation_bare_words.csv').map((r) => r.word!),
  };
}

/**
 * Reads the code lists and dictionaries the coders need.
 * @example const ref = await readCoderReference(config); const coders = buildCoders(ref);
 */
export async function readCoderReference(paths: CoderReferencePaths): Promise<CoderReference> {
  const { trees } = await readCodeLists(paths.referenceDir);
  return {
    ...coderReferenceFromTrees(trees),
    industryTerms: readDictionary(paths.dictionariesDir, 'industry_platform_gbt4754.csv').map((r) => ({
      term: r.term!,
      code: r.gbt4754_code!,
    })),
    regionScopeWords: readDictionary(paths.dictionariesDir, 'region_scope_words.csv').map((r) => r.word!),
    ...readOccupationDictionaries(paths.dictionariesDir),
    occupationModel: JSON.parse(readFileSync(join(paths.dictionariesDir, 'occupation_model.json'), 'utf8')) as OccupationModelData,
    occupationCalibration: JSON.parse(
      readFileSync(join(paths.dictionariesDir, 'occupation_calibration.json'), 'utf8'),
    ) as OccupationCalibration,
  };
}
