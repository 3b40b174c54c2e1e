/**
 * What the model reads of a title: lexical features (character n-grams and dictionary words of the
 * role segment, the other segments, the bracketed asides and the employer's industry or the posting
 * text) and, per candidate code, the evidence that proposes it (an alias of some tier, a head+domain
 * composition, a 大典 name or definition match).
 */
import type { LocationMatcher } from '../location.js';
import { cleanTitle, type CleanTitle } from './clean.js';
import type { CodeIndex } from './code-index.js';
import type { Lexicon, RoleParse, TermHit } from './lexicon.js';
import type { OccupationTree } from './tree.js';

/** The class of a title that decides nothing (储备干部, slogans, pay only). */
export const NONE = 'none';

/** Evidence for one candidate code: shared-feature name → value. */
export type Evidence = Map<string, number>;

/** A title read for the model. */
export interface TitleAnalysis {
  clean: CleanTitle;
  /** The segment holding the first-named role. */
  primary: string;
  parse: RoleParse;
  /** Class-specific lexical features (value 1 each). */
  lexical: string[];
  /** Candidate code → evidence. */
  evidence: Map<string, Evidence>;
  /** Shared features of the no-occupation class. */
  none: string[];
  /** What kind of role head the title has: `eng`, `prod`, `a<major>`, or `none`. */
  headClass: string;
}

/** What the analysis needs. */
export interface AnalysisDeps {
  lexicon: Lexicon;
  index: CodeIndex;
  tree: OccupationTree;
  location?: LocationMatcher;
  /** Words that as the whole role name no occupation (occupation_bare_words.csv). */
  bareWords?: ReadonlySet<string>;
}

const CONTEXT_NOISE = /(未融资|不需要融资|已上市|[a-d]轮及以上|[a-d]轮|天使轮|战略投资|\d+-?\d*人|以上|以下|\d+)/g;
const RETRIEVED = 8;
const CONTEXT_CHARS = 20;
/** Characters of the context read (noise such as 已上市 or 100-499人 is dropped from them first). */
export const CONTEXT_READ = 3 * CONTEXT_CHARS;

/**
 * Receives a title's lexical features one at a time, in order: the feature is
 * `${kind}:${text.slice(start, end)}`. The trainer keeps the strings; the coder looks each feature
 * up in its model without building the string.
 */
export type FeatureSink = (kind: string, text: string, start: number, end: number) => void;

/** Feature kinds whose text is a whole dictionary word (`T:` every word found, `H:` the head). */
export const WORD_KINDS: ReadonlySet<string> = new Set(['T', 'H']);

/** A sink collecting the features as strings into `out`. */
export function featureStrings(out: string[]): FeatureSink {
  return (kind, text, start, end) => out.push(`${kind}:${text.slice(start, end)}`);
}

/** The n-gram feature kinds of one part of a title: Latin word, single CJK character, bigram, trigram. */
interface GramKinds {
  w: string;
  u: string;
  b: string;
  t: string;
}
const gramKinds = (prefix: string): GramKinds => ({ w: `${prefix}w`, u: `${prefix}u`, b: `${prefix}b`, t: `${prefix}t` });
/** The role segment (no prefix), the other segments (`o`), the bracketed asides (`x`), the context (`c`). */
const ROLE = gramKinds('');
const OTHER = gramKinds('o');
const ASIDE = gramKinds('x');
const CONTEXT = gramKinds('c');

const isCjk = (c: number) => c >= 0x4e00 && c <= 0x9fff;
/** a–z, 0–9, `+`, `#`, `.`: what a Latin word is made of after its first letter. */
const isLatinWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 35 || c === 46;

/**
 * The n-grams of the words of a text: a Latin word (`[a-z][a-z0-9+#.]*`) whole, a run of CJK
 * characters as its bigrams (and trigrams), a lone CJK character as itself.
 */
function grams(text: string, kinds: GramKinds, sink: FeatureSink, trigrams: boolean): void {
  const n = text.length;
  for (let i = 0; i < n;) {
    const c = text.charCodeAt(i);
    let j = i + 1;
    if (c >= 97 && c <= 122) {
      while (j < n && isLatinWordChar(text.charCodeAt(j))) j++;
      sink(kinds.w, text, i, j);
    } else if (isCjk(c)) {
      while (j < n && isCjk(text.charCodeAt(j))) j++;
      if (j - i === 1) sink(kinds.u, text, i, j);
      for (let k = i; k + 1 < j; k++) sink(kinds.b, text, k, k + 2);
      if (trigrams) for (let k = i; k + 2 < j; k++) sink(kinds.t, text, k, k + 3);
    }
    i = j;
  }
}

/** The digits a code fixes: `6-00-00-00` → `6-`, `6-25-00-00` → `6-25-`. */
function prefixOf(code: string): string {
  const parts = code.split('-');
  let depth = 4;
  while (depth > 1 && parts[depth - 1] === '00') depth--;
  return parts.slice(0, depth).join('-') + '-';
}

function majorOf(code: string): string {
  return code[0]!;
}

function setMax(evidence: Map<string, Evidence>, code: string, name: string, value: number): void {
  let e = evidence.get(code);
  if (!e) evidence.set(code, (e = new Map<string, number>()));
  if ((e.get(name) ?? 0) < value) e.set(name, value);
}

/** The segment of the first-named role: the first with a role word, else the first with any alias. */
function choosePrimary(parses: RoleParse[]): number {
  for (let i = 0; i < parses.length; i++) if (parses[i]!.head) return i;
  for (let i = 0; i < parses.length; i++) if (parses[i]!.hits.some((h) => h.term.kind === 'alias' && h.term.tier >= 2)) return i;
  return 0;
}

function composedCode(head: TermHit, domain: TermHit): string | null {
  if (head.term.kind === 'head-engineering') return domain.term.engineeringCode ? (head.term.code ?? domain.term.engineeringCode) : null;
  if (head.term.kind === 'head-teaching') return domain.term.teachingCode;
  return domain.term.productionCode;
}

const COMPOSITION_FEATURE: Record<string, string> = {
  'head-engineering': 'comp:eng',
  'head-production': 'comp:prod',
  'head-teaching': 'comp:teach',
};

/**
 * What a title says on its own, before the employer's industry or the posting text is read: the
 * part of {@link TitleAnalysis} a coder may keep per distinct cleaned title.
 */
export interface TitleReading extends TitleAnalysis {
  /** A production head with no trade of its own or in brackets: the context may name the trade. */
  tradeFromContext: boolean;
  /** The generic alias the head is (普工 → 6-00-00-00), and its evidence, which a trade from the context inherits. */
  genericHead: string | null;
  genericEvidence: Evidence | null;
  /** The title names no role: aliases in the context may. */
  roleless: boolean;
}

/** The key of a cleaned title: what {@link readTitle} reads of it (a coder memoises readings by it). */
export function readingKey(clean: CleanTitle): string {
  return `${clean.core}\u0002${clean.asides.join('\u0003')}\u0002${clean.intern ? 1 : 0}`;
}

/** The start of a context the features read: noise (已上市, 100-499人) dropped, lower-cased. */
export function contextText(context: string): string {
  return context.slice(0, CONTEXT_READ).replace(CONTEXT_NOISE, ' ').slice(0, CONTEXT_CHARS).toLowerCase();
}

/**
 * Reads a title (and the employer's industry or the posting text as context) for the model.
 * @example analyseTitle('整车测试工程师', '', deps).evidence.get('2-02-07-11') // Map { 'comp:eng' → 1, … }
 */
export function analyseTitle(title: string, context: string, deps: AnalysisDeps): TitleAnalysis {
  return withContext(readTitle(cleanTitle(title, deps.location), deps), contextText(context), deps);
}

/** Context features (`c` n-grams) of a context text. */
export function contextFeatures(ctx: string, sink: FeatureSink): void {
  grams(ctx, CONTEXT, sink, false);
}

/**
 * Adds what the context says to a title's reading: its n-grams, the trade a production head
 * leaves open, the role of a title that names none. The reading is not changed.
 */
export function withContext(reading: TitleReading, ctx: string, deps: AnalysisDeps): TitleAnalysis {
  const cg: string[] = [];
  contextFeatures(ctx, featureStrings(cg));
  const lexical = cg.length ? reading.lexical.concat(cg) : reading.lexical;
  return { ...inContext(reading, ctx, deps), lexical };
}

/** What a reading in a context holds beside its n-grams: what {@link inContext} may change and what it reads. */
type ContextualReading = Pick<TitleReading, 'evidence' | 'none' | 'tradeFromContext' | 'roleless' | 'genericHead' | 'genericEvidence'>;

/**
 * A reading in a context: the reading itself (the same object) when the context adds nothing, else a
 * copy with the context's evidence ({@link contextEvidence}), in which a bare word (技术员, 师傅) whose
 * trade or role the context names is bare no more, as the corpus rules read the context when the
 * title names a role but no domain. The coder and the trainer read a title in its context here.
 */
export function inContext<R extends ContextualReading>(reading: R, ctx: string, deps: AnalysisDeps): R {
  const evidence = contextEvidence(reading, ctx, deps);
  return evidence === reading.evidence ? reading : { ...reading, evidence, none: reading.none.filter((n) => n !== 'none:bare') };
}

/**
 * The evidence of a title in a context: the reading's own (the same map) when the context adds
 * nothing, else a copy with the trade a production head leaves open and the role of a title that
 * names none.
 */
function contextEvidence(reading: ContextualReading, ctx: string, deps: AnalysisDeps): Map<string, Evidence> {
  let evidence = reading.evidence;
  const needsHits = ctx && (reading.tradeFromContext || reading.roleless);
  if (needsHits) {
    const hits = deps.lexicon.find(ctx);
    // Copy on write: the reading is shared by every context of the title.
    let copied = false;
    const set = (code: string, name: string, value: number) => {
      if (!deps.tree.has(code)) return;
      if (!copied) {
        evidence = new Map(evidence);
        copied = true;
      }
      const e = evidence.get(code);
      if ((e?.get(name) ?? 0) >= value) return;
      evidence.set(code, new Map(e).set(name, value));
    };
    if (reading.tradeFromContext) {
      const d = hits.find((h) => h.term.kind === 'domain' && h.term.productionCode);
      if (d) {
        const code = d.term.productionCode!;
        set(code, 'comp:ctx', 1);
        const generic = reading.genericHead;
        const own = reading.genericEvidence;
        if (generic && own && code !== generic && code.startsWith(prefixOf(generic))) for (const [k, v] of own) set(code, k, v);
      }
    }
    if (reading.roleless)
      for (const h of hits) if (h.term.kind === 'alias' && h.term.code && h.term.tier >= 3) set(h.term.code, 'c:alias', 1);
  }
  return evidence;
}

/**
 * Reads a cleaned title without its context (see {@link withContext}). Its lexical features go to
 * `sink` when one is given (and `lexical` is then empty), else into `lexical` as strings.
 */
export function readTitle(clean: CleanTitle, deps: AnalysisDeps, sink?: FeatureSink): TitleReading {
  const { lexicon, index, tree } = deps;
  const it = lexicon.itField;
  const segments = clean.segments.length ? clean.segments : [''];
  const parses = segments.map((s) => lexicon.parse(s));
  const pi = choosePrimary(parses);
  const primary = segments[pi]!;
  const parse = parses[pi]!;
  const lexical: string[] = [];
  const evidence = new Map<string, Evidence>();

  // Lexical features of the role segment.
  const emit = sink ?? featureStrings(lexical);
  const n = primary.length;
  grams(primary, ROLE, emit, true);
  if (n >= 2) emit('s2', primary, n - 2, n);
  if (n >= 3) emit('s3', primary, n - 3, n);
  if (n >= 2) emit('p2', primary, 0, 2);
  if (n > 0 && n <= 12) emit('W', primary, 0, n);
  for (const h of parse.hits) emit('T', h.term.text, 0, h.term.text.length);
  if (parse.head) emit('H', parse.head.term.text, 0, parse.head.term.text.length);
  for (let i = 0; i < segments.length; i++) if (i !== pi) grams(segments[i]!, OTHER, emit, false);
  const asideText = clean.asides.join(' ');
  grams(asideText, ASIDE, emit, false);
  const asideHits = asideText ? lexicon.find(asideText) : [];
  if (clean.intern) emit('f', 'intern', 0, 6);
  if (segments.length > 1) emit('f', 'multi', 0, 5);

  // Evidence: aliases of the role segment.
  for (const h of parse.hits) {
    if (h.term.kind !== 'alias' || !h.term.code) continue;
    if (parse.setAside?.has(h.term.code)) continue;
    setMax(evidence, h.term.code, `a:t${h.term.tier}`, 1);
    if (h === parse.head) setMax(evidence, h.term.code, 'a:head', 1);
    if (h.start === 0 && h.end === primary.length) setMax(evidence, h.term.code, 'a:whole', 1);
  }
  // Head + domain composition (汽车 + 工程师, 注塑 + 技术员); a domain from the asides or the context
  // composes with a head the segment leaves without one.
  const head = parse.compositionHead;
  let composed = false;
  let tradeFromContext = false;
  let genericHead: string | null = null;
  let genericEvidence: Evidence | null = null;
  if (head) {
    const domain = [...parse.domains].reverse().find((d) => composedCode(head, d));
    // An IT word before a teaching head is the subject taught (Python讲师, 网络工程师讲师).
    const itSubject = parse.hits.find((h) => h.term.kind === 'alias' && h.term.code && it.has(h.term.code) && h.end <= head.start);
    if (head.term.kind === 'head-teaching') {
      // A teacher's code follows the pupils (少儿, 乐高, 小学 anywhere in the title) before the
      // subject: an IT subject at a training firm is 职业培训师.
      const elsewhere = [...parses.filter((_, i) => i !== pi).flatMap((p) => p.hits), ...asideHits];
      const taught = [...parse.domains, ...elsewhere].filter((h) => h.term.kind === 'domain' && h.term.teachingCode);
      const code =
        taught.find((h) => !it.isTeachingCode(h.term.teachingCode!))?.term.teachingCode ??
        taught[0]?.term.teachingCode ??
        (itSubject ? it.teachingCode(itSubject.term.code!) : null);
      if (code) {
        setMax(evidence, code, 'comp:teach', 1);
        composed = true;
      }
    } else if (domain) {
      setMax(evidence, composedCode(head, domain)!, COMPOSITION_FEATURE[head.term.kind]!, 1);
      composed = true;
    }
    // A worker's trade may be named only by the brackets or the employer's industry (普工 at an
    // 电子厂); an engineer's field is not (the industry of a software firm says 电子, 通信).
    if (!composed && head.term.kind === 'head-production') {
      const generic = parse.head?.term.kind === 'alias' ? parse.head.term.code : null;
      const d = asideHits.find((h) => h.term.kind === 'domain' && h.term.productionCode);
      if (d) {
        const code = d.term.productionCode!;
        setMax(evidence, code, 'comp:ctx', 1);
        // The trade refines a generic head (普工 → 6-00-00-00): the finer code inherits its evidence.
        const own = generic ? evidence.get(generic) : undefined;
        if (generic && own && code !== generic && code.startsWith(prefixOf(generic)))
          for (const [k, v] of own) setMax(evidence, code, k, v);
      } else {
        tradeFromContext = true;
        genericHead = generic;
        const own = generic ? evidence.get(generic) : undefined;
        genericEvidence = own ? new Map(own) : null;
      }
    }
  }
  // Aliases elsewhere: other segments, asides, context.
  for (let i = 0; i < segments.length; i++) {
    if (i === pi) continue;
    for (const h of parses[i]!.hits)
      if (h.term.kind === 'alias' && h.term.code && h.term.tier >= 2) setMax(evidence, h.term.code, `o:t${h.term.tier}`, 1);
  }
  // A teacher named in brackets teaches the title's subject (`Python（兼职讲师）`).
  if (!head && !parse.head) {
    const asideHead = asideHits.find((h) => h.term.kind === 'head-teaching');
    const subject = parse.hits.find((h) => (h.term.kind === 'alias' && h.term.code && it.has(h.term.code)) || h.term.teachingCode);
    const code = subject && (subject.term.teachingCode ?? it.teachingCode(subject.term.code!));
    if (asideHead && code) {
      setMax(evidence, code, 'comp:teach', 1);
      composed = true;
    }
  }
  // A generic head (操作工, 工程师 with no domain) leaves the role to the brackets or the context.
  const roleless = !parse.head || (parse.head.term.kind === 'alias' ? parse.head.term.tier < 3 : !composed);
  for (const h of asideHits) {
    if (h.term.kind !== 'alias' || !h.term.code || h.term.tier < 2) continue;
    setMax(evidence, h.term.code, `x:t${h.term.tier}`, 1);
    // A role in brackets refines a title that names none (`Python（兼职讲师）`).
    if (h.term.tier >= 3) setMax(evidence, h.term.code, roleless ? 'x:role' : 'x:role2', 1);
  }

  // The 大典 names and definitions. A bare generic head (设计师, 教练, 技术员) is not looked up: it
  // would latch onto the one name that holds it (酒体设计师, 教练员, 农业技术员).
  const bare = parse.hits.some((h) => h.start === 0 && h.end === primary.length && (h.term.kind !== 'alias' || h.term.tier <= 1));
  const found = primary && !bare ? index.search(primary, RETRIEVED) : [];
  found.forEach((m, rank) => {
    if (m.name > 0) setMax(evidence, m.code, 'r:name', m.name);
    if (m.definition > 0) setMax(evidence, m.code, 'r:def', m.definition);
    if (m.contained) setMax(evidence, m.code, 'r:contained', 1);
    if (rank === 0) setMax(evidence, m.code, 'r:top', 1);
  });
  for (const code of evidence.keys()) if (!tree.has(code)) evidence.delete(code);

  const kind = parse.head?.term.kind;
  const headClass = !parse.head
    ? 'none'
    : kind === 'head-engineering'
      ? 'eng'
      : kind === 'head-production'
        ? 'prod'
        : kind === 'head-teaching'
          ? 'teach'
          : `a${majorOf(parse.head.term.code ?? '0')}`;
  const none: string[] = ['none'];
  if (!clean.core) none.push('none:empty');
  if (!parse.hits.some((h) => h.term.tier >= 2)) none.push('none:noterm');
  if (!parse.head) none.push('none:nohead');
  if (primary.length <= 1) none.push('none:short');
  // The whole title is a bare word (经理, 师傅) and the brackets name no role or field either.
  if (deps.bareWords?.has(clean.core) && !asideHits.length) none.push('none:bare');
  return { clean, primary, parse, lexical, evidence, none, headClass, tradeFromContext, genericHead, genericEvidence, roleless };
}
