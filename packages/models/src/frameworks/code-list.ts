import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

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

/**
 * Reads a code-list CSV with a header that has at least `code`, `name`, `level` and
 * `parent_code` (the layout of `datasets/reference/{industry,occupation,region,major}/*.csv`).
 * Other columns are kept in `row`; `filter` selects rows (e.g. one major catalog).
 */
export function readCodeList(file: string, filter?: (row: Record<string, string>) => boolean): CodeTree {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Record<
    string,
    string
  >[];
  const first = rows[0];
  for (const col of ['code', 'name', 'level', 'parent_code']) {
    if (first && !(col in first)) throw new Error(`${file}: code list lacks column ${col}`);
  }
  return codeTree(
    file,
    rows
      .filter((r) => !filter || filter(r))
      .map((r) => ({
        code: r.code ?? '',
        name: r.name ?? '',
        level: r.level ?? '',
        parentCode: r.parent_code ? r.parent_code : null,
        row: r,
      })),
  );
}
