/** One entry of a hierarchical national code list (industry, occupation, region, major). */
export interface CodeEntry {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  /** Every column of the source row (e.g. `definition`, `catalog`), as text. */
  row: Readonly<Record<string, string>>;
}

/**
 * A code list held in memory with its hierarchy, enough to check that a code exists and to ask
 * whether one code lies inside another (a 小类 inside its 大类 or 门类).
 */
export interface CodeTree {
  /** The file the list was read from (for messages and provenance). */
  readonly file: string;
  readonly entries: ReadonlyMap<string, CodeEntry>;
  get(code: string): CodeEntry | undefined;
  /** `code` itself followed by every enclosing code up to the top level. */
  ancestorsOrSelf(code: string): string[];
  /** True when `inner` equals `outer` or lies anywhere below it. */
  contains(outer: string, inner: string): boolean;
}

/** Builds a {@link CodeTree} from entries; a parent that is not itself an entry ends the chain. */
export function codeTree(file: string, entries: Iterable<CodeEntry>): CodeTree {
  const map = new Map<string, CodeEntry>();
  for (const e of entries) map.set(e.code, e);
  const ancestorsOrSelf = (code: string): string[] => {
    const chain: string[] = [];
    let cur: string | null | undefined = code;
    // The guard against cycles protects against a malformed parent column, not a real case.
    while (cur && !chain.includes(cur)) {
      chain.push(cur);
      cur = map.get(cur)?.parentCode;
    }
    return chain;
  };
  return {
    file,
    entries: map,
    get: (code) => map.get(code),
    ancestorsOrSelf,
    contains: (outer, inner) => ancestorsOrSelf(inner).includes(outer),
  };
}
