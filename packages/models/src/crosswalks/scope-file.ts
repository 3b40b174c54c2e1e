import type { CodeTree } from '../taxonomy/code-tree.js';
import { CROSS_INDUSTRY } from './derive-crosswalks.js';
import { readInputRows } from './input-rows.js';

/**
 * Reads `crosswalks/inputs/occupation_family_scope.csv` (occupation_code, industry_codes, note):
 * for each occupation family, the space-separated GB/T 4754 codes its occupations may work in, or
 * `*` for cross-industry families; the row keyed `*` lists the sections those are spread over.
 * @throws on an unknown occupation or industry code, naming file and line.
 */
export function readScopeFile(file: string, occupation: CodeTree, industry: CodeTree): Map<string, string[]> {
  const scopes = new Map<string, string[]>();
  for (const { record, where } of readInputRows(file)) {
    const key = record.occupation_code ?? '';
    if (key !== CROSS_INDUSTRY && !occupation.get(key)) throw new Error(`${where}: unknown occupation code ${key}`);
    const codes = (record.industry_codes ?? '').split(/\s+/).filter(Boolean);
    for (const c of codes) if (c !== CROSS_INDUSTRY && !industry.get(c)) throw new Error(`${where}: unknown industry code ${c} for ${key}`);
    if (!codes.length) throw new Error(`${where}: no industry codes for ${key}`);
    scopes.set(key, codes);
  }
  return scopes;
}
