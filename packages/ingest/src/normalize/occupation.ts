/**
 * Job title (+ the employer's industry or the posting text) → 职业分类大典 2022 code, the level the
 * code states and a calibrated confidence.
 *
 * The title is cleaned (employer prefix, 招聘 anywhere, brackets, pay, benefits, places, seniority;
 * `occupation/clean.ts`), parsed into its role head and the domains named before it
 * (`occupation/lexicon.ts`), and read as features (`occupation/features.ts`): character n-grams,
 * dictionary words, aliases by tier, head+domain compositions and a retrieval over the 大典's names
 * and definitions. A log-linear model trained on the labelled train split scores the candidate codes
 * (`occupation/model.ts`); the coder states the most probable code, or backs off to its 小类 or
 * 中类 when no code is probable enough, or leaves the title uncoded when it names no occupation.
 * The confidence is the probability that the code is right at the level it states, calibrated on
 * cross-validated training predictions. Everything is built from the data passed in.
 */
import type { LocationMatcher } from './location.js';
import { buildCodeIndex } from './occupation/code-index.js';
import { cleanTitle } from './occupation/clean.js';
import {
  CONTEXT_READ,
  contextGrams,
  contextText,
  readingKey,
  readTitle,
  withContext,
  type AnalysisDeps,
  type TitleReading,
} from './occupation/features.js';
import { buildLexicon, occupationNameAliases } from './occupation/lexicon.js';
import {
  calibrate,
  candidateCodes,
  compileModel,
  decide,
  type PartialLexical,
  scoreCandidates,
  topLexical,
  type OccupationCalibration,
  type OccupationModelData,
} from './occupation/model.js';
import { buildOccupationTree, structuralLevel, truncateCode, levelDepth, type OccupationLevel } from './occupation/tree.js';
import type { CleanTitle } from './occupation/clean.js';
import type { Occupation, OccupationAlias, OccupationCompositionTerm } from './reference.js';
import { memoize } from './text.js';

export type { OccupationLevel } from './occupation/tree.js';

/** A coded title. */
export interface OccupationMatch {
  /** 大典 2022 code (a 细类, or the 小类/中类/大类 code the title decides), null when uncoded. */
  code: string | null;
  name: string | null;
  /** The level the code states (细类 for every occupation, also `2-06-03-00` 会计专业人员); null when uncoded. */
  level: OccupationLevel | null;
  /** Probability that the code is right at `level` (calibrated); 0 when uncoded. */
  confidence: number;
  method: 'model' | 'none';
  /** What proposed the code (an alias, a composition, a 大典 name), for reading the result. */
  evidence: string | null;
}

/** What {@link buildOccupationCoder} is built from. */
export interface OccupationCoderOptions {
  occupations: readonly Occupation[];
  /** Title words → codes, with tiers (`datasets/dictionaries/occupation_aliases.csv`). */
  aliases: readonly OccupationAlias[];
  /** Role heads and domains (`datasets/dictionaries/occupation_composition.csv`). */
  composition: readonly OccupationCompositionTerm[];
  /** Learned weights and back-off thresholds (`datasets/dictionaries/occupation_model.json`). */
  model: OccupationModelData;
  /** Confidence per stated level (`datasets/dictionaries/occupation_calibration.json`). */
  calibration: OccupationCalibration;
  /** Recognises place names to drop from titles; without it places stay in the text. */
  location?: LocationMatcher;
}

/** A built coder: title (and optional industry or posting text as context) → code. */
export type OccupationCoder = (title: string, context?: string) => OccupationMatch;

/** Level of a 大典 code from its digits (`2-06-02-00` 小类); the coder's `level` also knows which codes are occupations. */
export function occupationLevel(code: string): OccupationLevel {
  return structuralLevel(code);
}

/**
 * The code truncated to a level as a comparable prefix: `2` (大类), `2-02` (中类), `2-02-10` (小类)
 * or the full code (细类). A code coarser than the level asked for yields null.
 */
export function occupationPrefix(code: string, level: OccupationLevel): string | null {
  const depth = levelDepth(level);
  if (levelDepth(structuralLevel(code)) < depth) return null;
  return code.split('-').slice(0, depth).join('-');
}

const NONE_MATCH: OccupationMatch = { code: null, name: null, level: null, confidence: 0, method: 'none', evidence: null };

function evidenceText(e: Record<string, number> | undefined): string | null {
  if (!e) return null;
  const keys = Object.keys(e).filter((k) => k.startsWith('a:') || k.startsWith('comp:') || k === 'r:contained' || k === 'r:top');
  return keys.length ? keys.sort().join(' ') : null;
}

/**
 * Builds the coder. Checks that every dictionary and model code is a 大典 code.
 * @example const code = buildOccupationCoder({ occupations, aliases, composition, model, location });
 * code('某某公司招聘木工').code // '6-29-01-00'
 */
export function buildOccupationCoder(options: OccupationCoderOptions): OccupationCoder {
  const tree = buildOccupationTree(options.occupations);
  for (const a of options.aliases) {
    if (!tree.has(a.code)) throw new Error(`occupation alias ${a.alias} → ${a.code} is not a 大典 2022 code`);
  }
  for (const c of options.composition) {
    for (const code of [c.engineeringCode, c.productionCode]) {
      if (code && !tree.has(code)) throw new Error(`occupation composition ${c.term} → ${code} is not a 大典 2022 code`);
    }
  }
  for (const c of options.model.classes) {
    if (c !== 'none' && !tree.has(c)) throw new Error(`occupation model class ${c} is not a 大典 2022 code`);
  }
  const names = occupationNameAliases(options.occupations, (c) => tree.level(c) === '细类', options.aliases);
  const lexicon = buildLexicon([...options.aliases, ...names], options.composition);
  const index = buildCodeIndex(
    tree,
    options.occupations.map((o) => o.code),
  );
  const deps: AnalysisDeps = { lexicon, index, tree, location: options.location };
  const weights = compileModel(options.model);
  const { decision } = options.model;
  const { calibration } = options;

  // Titles that clean to the same text read the same, whatever their context: the reading is kept
  // per title and per cleaned title, and the context's share (n-grams, a trade or a role) per context.
  const readings = new Map<string, { reading: TitleReading; lexical: PartialLexical; shared: Map<string, number> }>();
  const readingOf = (clean: CleanTitle) => {
    const key = readingKey(clean);
    let r = readings.get(key);
    if (!r) {
      if (readings.size >= 50_000) readings.clear();
      const reading = readTitle(clean, deps);
      readings.set(key, (r = { reading, lexical: weights.partial(reading.lexical), shared: new Map() }));
    }
    return r;
  };
  const titleReading = memoize((title: string) => readingOf(cleanTitle(title, deps.location)), 50_000);
  const contextOf = memoize((context: string) => {
    const text = contextText(context);
    return { text, grams: contextGrams(text) };
  }, 50_000);
  const code = (title: string, context: string): OccupationMatch => {
    const ctx = contextOf(context);
    const { reading, lexical, shared } = titleReading(title);
    const cg = ctx.grams;
    const analysis = withContext(reading, ctx.text, deps, cg);
    const lex = weights.lexicalFrom(lexical, cg);
    const codes = candidateCodes(analysis, topLexical(lex), tree);
    const sharedScores = analysis.evidence === reading.evidence ? shared : undefined;
    const d = decide(codes, scoreCandidates(analysis, codes, lex, weights, tree, sharedScores), tree, decision);
    if (d.code === null) return NONE_MATCH;
    const confidence = Math.round(calibrate(calibration, d.level!, d.probability) * 1000) / 1000;
    const own = d.level === tree.level(d.code) ? d.code : truncateCode(d.code, levelDepth(d.level!));
    return {
      code: own,
      name: tree.name(own),
      level: d.level,
      confidence,
      method: 'model',
      evidence: evidenceText(analysis.evidence.get(d.code)),
    };
  };
  const memo = memoize((key: string) => {
    const cut = key.indexOf('\u0001');
    return code(key.slice(0, cut), key.slice(cut + 1));
  });
  // Only the start of the context is read (features.ts): the memo key holds no more than that.
  return (title: string, context?: string) => memo(`${title}\u0001${context ? context.slice(0, CONTEXT_READ) : ''}`);
}
