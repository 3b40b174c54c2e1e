/**
 * Job title (+ the employer's industry or the posting text) → 职业分类大典 2022 code, the level the
 * code states and a calibrated confidence.
 *
 * The title is cleaned (employer prefix, 招聘 anywhere, brackets, pay, benefits, places, seniority;
 * `occupation/clean.ts`), parsed into its role head and the domains named before it
 * (`occupation/lexicon.ts`), and read as features (`occupation/features.ts`): character n-grams,
 * dictionary words, aliases by tier, head+domain compositions and a retrieval over the 大典's names
 * and definitions. A log-linear model trained on the labelled train split scores the candidate codes
 * (`occupation/model.ts`); the coder goes down the code tree from the 大类 holding the most
 * probability and states the finest code on that path that is probable enough (a 细类, else its 小类,
 * 中类 or 大类), or leaves the title uncoded when it names no occupation.
 * The confidence is the probability that the code is right at the level it states, calibrated on
 * cross-validated training predictions. Everything is built from the data passed in.
 */
import type { LocationMatcher } from './location.js';
import { buildCodeIndex } from './occupation/code-index.js';
import { cleanTitle } from './occupation/clean.js';
import {
  CONTEXT_READ,
  contextFeatures,
  contextText,
  readingKey,
  readTitle,
  inContext,
  type AnalysisDeps,
  type Evidence,
  type TitleReading,
} from './occupation/features.js';
import { buildLexicon, occupationNameAliases } from './occupation/lexicon.js';
import {
  calibrate,
  candidateCodes,
  compileModel,
  decide,
  type PartialLexical,
  type ScoredTitle,
  scoreCandidates,
  topLexical,
  type OccupationCalibration,
  type OccupationModelData,
} from './occupation/model.js';
import { buildOccupationTree, structuralLevel, truncateCode, levelDepth, type OccupationLevel } from './occupation/tree.js';
import type { CleanTitle } from './occupation/clean.js';
import type { Occupation, OccupationAlias, OccupationCompositionTerm, OccupationItFieldRow } from './reference.js';
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
  /** The IT field's codes (`datasets/dictionaries/occupation_it_field.csv`). */
  itField: readonly OccupationItFieldRow[];
  /** Words that as the whole role name no occupation (`datasets/dictionaries/occupation_bare_words.csv`). */
  bareWords: readonly string[];
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

function evidenceText(e: Evidence | undefined): string | null {
  if (!e) return null;
  const keys: string[] = [];
  for (const k of e.keys()) if (k.startsWith('a:') || k.startsWith('comp:') || k === 'r:contained' || k === 'r:top') keys.push(k);
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
  for (const r of options.itField) {
    for (const code of [r.code, r.teachingCode])
      if (!tree.has(code)) throw new Error(`occupation IT field ${r.code} → ${code} is not a 大典 2022 code`);
  }
  for (const c of options.model.classes) {
    if (c !== 'none' && !tree.has(c)) throw new Error(`occupation model class ${c} is not a 大典 2022 code`);
  }
  const names = occupationNameAliases(options.occupations, (c) => tree.level(c) === '细类', options.aliases);
  const lexicon = buildLexicon([...options.aliases, ...names], options.composition, options.itField);
  const index = buildCodeIndex(
    tree,
    options.occupations.map((o) => o.code),
  );
  const deps: AnalysisDeps = { lexicon, index, tree, location: options.location, bareWords: new Set(options.bareWords) };
  const weights = compileModel(options.model);
  const { decision } = options.model;
  const { calibration } = options;

  // Titles that clean to the same text read the same, whatever their context: the reading is kept
  // per cleaned title, and the context's share (n-grams, a trade or a role) per context. A title's
  // codes are kept per context under the title, so that no key joining the two is built.
  // A reading keeps only what coding it in a context reads: the coder keeps thousands of them.
  type Reading = ScoredTitle &
    Pick<TitleReading, 'evidence' | 'tradeFromContext' | 'roleless' | 'genericHead' | 'genericEvidence'> & {
      lexical: PartialLexical;
      /** Codings of the reading so far; from the second on, the shared scores summed before are kept. */
      uses: number;
      shared: Map<string, number> | undefined;
    };
  const readings = new Map<string, Reading>();
  const readingOf = (clean: CleanTitle) => {
    const key = readingKey(clean);
    let r = readings.get(key);
    if (!r) {
      if (readings.size >= 50_000) readings.clear();
      let t: TitleReading | undefined;
      const lexical = weights.partial((sink) => (t = readTitle(clean, deps, sink)));
      const { evidence, none, headClass, parse, tradeFromContext, roleless, genericHead, genericEvidence } = t!;
      r = {
        evidence,
        none,
        headClass,
        parse: { setAside: parse.setAside },
        tradeFromContext,
        roleless,
        genericHead,
        genericEvidence,
        lexical,
        uses: 0,
        shared: undefined,
      };
      readings.set(key, r);
    }
    return r;
  };
  const contextOf = memoize((context: string) => {
    const text = contextText(context);
    return { text, rows: weights.rows((sink) => contextFeatures(text, sink)) };
  }, 50_000);
  const code = (reading: Reading, context: string): OccupationMatch => {
    const ctx = contextOf(context);
    const analysis = inContext(reading, ctx.text, deps);
    const lex = weights.lexicalFrom(reading.lexical, ctx.rows);
    const codes = candidateCodes(analysis, topLexical(lex), tree);
    // Most readings are coded in one context only: their shared scores are kept from the second.
    const sharedScores = analysis === reading && reading.uses++ > 0 ? (reading.shared ??= new Map()) : undefined;
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
  // Most titles come in one context: its code is kept on the title's entry, any other context's in a map.
  interface Coded {
    reading: Reading;
    context: string;
    match: OccupationMatch;
    others: Map<string, OccupationMatch> | null;
  }
  let titles = new Map<string, Coded>();
  let kept = 0;
  // Only the start of the context is read (features.ts): codes are kept by no more than that.
  return (title: string, context?: string) => {
    const ctx = context ? context.slice(0, CONTEXT_READ) : '';
    const t = titles.get(title);
    if (t) {
      if (t.context === ctx) return t.match;
      let m = t.others?.get(ctx);
      if (m === undefined) {
        (t.others ??= new Map()).set(ctx, (m = code(t.reading, ctx)));
        kept++;
      }
      return m;
    }
    // Forgetting wholesale keeps the hot path to one or two Map lookups; the working set refills quickly.
    if (kept >= 200_000 || titles.size >= 50_000) {
      titles = new Map();
      kept = 0;
    }
    const reading = readingOf(cleanTitle(title, deps.location));
    titles.set(title, { reading, context: ctx, match: code(reading, ctx), others: null });
    kept++;
    return titles.get(title)!.match;
  };
}
