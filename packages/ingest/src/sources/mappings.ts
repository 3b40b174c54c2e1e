import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, dirname, basename } from 'node:path';
import {
  explainRuleSchema,
  extractRuleSchema,
  mappingTransformSchema,
  preambleRuleSchema,
  sourceMappingSchema,
  suggest,
  unpivotSchema,
  type SourceMapping,
} from '@talent/models';
import type { z } from 'zod';
import { kindSpec } from '../load/kinds.js';
import { namedGroups } from '../map/header.js';

/** A mapping file that failed its schema: named with the zod messages, never silently dropped. */
export class MappingError extends Error {
  override name = 'MappingError';
}

/** Keys a mapping object may have at a path of the schema (top level, period, a transform by its op). */
function keysAt(path: readonly PropertyKey[], json: unknown): string[] {
  const shape = sourceMappingSchema.shape;
  if (path.length === 0) return Object.keys(shape);
  if (path[0] === 'period') return ['from', 'pattern', 'field'];
  if (path[0] === 'unpivot') return Object.keys(unpivotSchema.shape);
  if (path[0] === 'preamble') return Object.keys(preambleRuleSchema.shape);
  if (path[0] === 'extract') return Object.keys(extractRuleSchema.shape);
  if (path[0] === 'explain') return Object.keys(explainRuleSchema.shape);
  if (path[0] === 'transforms' && typeof path[1] === 'number') {
    const op = ((json as { transforms?: { op?: string }[] }).transforms?.[path[1]] ?? {}).op;
    const t = mappingTransformSchema.options.find((o) => o.shape.op.value === op);
    return t ? Object.keys(t.shape) : [];
  }
  return [];
}

/** The zod issues of a mapping as one message, unknown keys with the nearest valid name. */
function schemaMessage(issues: readonly z.core.$ZodIssue[], json: unknown): string {
  return issues
    .map((i) => {
      const where = i.path.join('.') || '(top level)';
      if (i.code === 'unrecognized_keys') {
        const valid = keysAt(i.path, json);
        return i.keys.map((k) => `${where}: unknown key "${k}"${suggest(k, valid)}`).join('; ');
      }
      return `${where}: ${i.message}`;
    })
    .join('; ');
}

/** Helper fields a mapping may fill besides the kind's fields: those its transforms and period read. */
function helperFields(m: SourceMapping): Set<string> {
  const out = new Set<string>(['file_name', 'file_period']);
  for (const t of m.transforms) {
    if (t.op === 'split' || t.op === 'strip' || t.op === 'map' || t.op === 'replace') out.add(t.field);
    if (t.op === 'move-if') out.add(t.from);
    if (t.op === 'template') {
      for (const f of t.requires) out.add(f);
      for (const tpl of [t.template, t.otherwise ?? '']) for (const x of tpl.matchAll(/\{([a-z0-9_]+)\}/g)) out.add(x[1]!);
    }
  }
  if (m.period?.field) out.add(m.period.field);
  return out;
}

/**
 * Reads and validates one mapping file strictly: unknown keys anywhere, and field names the record
 * kind does not have (under `columns`, `constants`, `require` or as a transform's target) that no
 * transform reads either, are errors naming the nearest valid name: a typo must never drop a
 * column's data on every row without a word.
 */
export function readMapping(file: string): SourceMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new MappingError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = sourceMappingSchema.safeParse(json);
  if (!parsed.success) throw new MappingError(`${file}: ${schemaMessage(parsed.error.issues, json)}`);
  const m = parsed.data;
  const lineRules = m.unpivot || m.preamble.length || m.extract.length || m.explain.length || m.headerRows > 1;
  if (
    m.fastPath &&
    (m.format !== 'csv' || m.transforms.length > 0 || m.cellFormat !== 'plain' || m.skipRowPattern || m.headerRow || lineRules)
  )
    throw new MappingError(
      `${file}: fastPath needs a plain CSV with the header on line 1 and no transforms, unpivot, headerRows, preamble, extract or explain`,
    );
  if (lineRules && m.format !== 'csv' && m.format !== 'xlsx')
    throw new MappingError(`${file}: unpivot, headerRows, preamble, extract and explain read tables: format must be csv or xlsx`);
  if (m.unmatched === 'reject' && (kindSpec(m.kind).unmatched.length === 0 || m.kind === 'job_posting'))
    throw new MappingError(`${file}: unmatched "reject": a ${m.kind} record has no names or codes its core model matches afterwards`);
  const fields = new Set(kindSpec(m.kind).rules.map((r) => r.name));
  const unknown = m.require.filter((f) => !fields.has(f));
  if (unknown.length) throw new MappingError(`${file}: require names fields a ${m.kind} record does not have: ${unknown.join(', ')}`);
  const notMapped = m.optional.filter((f) => !(f in m.columns));
  if (notMapped.length)
    throw new MappingError(
      `${file}: optional names fields that are not under "columns": ${notMapped.map((f) => `${f}${suggest(f, Object.keys(m.columns))}`).join(', ')}`,
    );
  const helpers = helperFields(m);
  const problems: string[] = [];
  const check = (where: string, name: string) => {
    if (!fields.has(name) && !helpers.has(name))
      problems.push(`${where}: "${name}" is not a field of a ${m.kind} record, and no transform reads it${suggest(name, fields)}`);
  };
  for (const f of Object.keys(m.columns)) check('columns', f);
  for (const f of Object.keys(m.constants)) check('constants', f);
  for (const t of m.transforms) {
    if (t.op === 'template') check('transforms (template into)', t.into);
    if (t.op === 'move-if') check('transforms (move-if to)', t.to);
    if (t.op === 'map' && t.into) check('transforms (map into)', t.into);
    if (t.op === 'split') for (const g of namedGroups(t.pattern)) check('transforms (split group)', g);
  }
  if (m.unpivot) {
    check('unpivot.name', m.unpivot.name);
    check('unpivot.value', m.unpivot.value);
    if (m.unpivot.name === m.unpivot.value) problems.push('unpivot: name and value must be two fields');
  }
  m.preamble.forEach((p, i) => {
    const groups = namedGroups(p.pattern);
    if (!groups.length) problems.push(`preamble.${i}.pattern: no named group, so it fills no field (write (?<year>\\d{4}))`);
    for (const g of groups) check(`preamble.${i} (group)`, g);
  });
  m.extract.forEach((x, i) => {
    const groups = namedGroups(x.pattern);
    if (!groups.length) problems.push(`extract.${i}.pattern: no named group, so it fills no field`);
    for (const g of groups) check(`extract.${i} (group)`, g);
  });
  for (const [where, pattern] of [
    ['skipRowPattern', m.skipRowPattern],
    ['period.pattern', m.period?.pattern],
    ...m.transforms.map((t, i) => [`transforms.${i}.pattern`, 'pattern' in t ? t.pattern : undefined] as const),
    ...m.preamble.map((p, i) => [`preamble.${i}.pattern`, p.pattern] as const),
    ...m.extract.flatMap((x, i) => [[`extract.${i}.when`, x.when] as const, [`extract.${i}.pattern`, x.pattern] as const]),
    ...m.explain.map((x, i) => [`explain.${i}.pattern`, x.pattern] as const),
  ] as const) {
    if (pattern === undefined) continue;
    try {
      new RegExp(pattern, 'u');
    } catch (err) {
      problems.push(`${where}: not a valid regular expression (${(err as Error).message})`);
    }
  }
  if (problems.length) throw new MappingError(`${file}: ${problems.join('; ')}`);
  if (basename(file, '.json') !== m.source) throw new MappingError(`${file}: file name must be <source>.json (source is ${m.source})`);
  return m;
}

/** Every mapping in `datasets/sources/`, sorted by source id. */
export function readMappings(sourcesDir: string): SourceMapping[] {
  if (!existsSync(sourcesDir)) return [];
  return readdirSync(sourcesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readMapping(join(sourcesDir, f)));
}

function globToRegex(pattern: string): RegExp {
  const esc = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${esc}$`, 'u');
}

/** The files of a mapping, and patterns that name something other than a file. */
export interface ResolvedFiles {
  files: string[];
  /** Patterns without wildcards that name a folder (a folder where a file was expected). */
  folders: string[];
}

/**
 * Files of a mapping: each pattern (wildcards in the file name only) resolved against each root
 * that has the pattern's folder. Sorted so loads happen in a stable order (older periods first).
 */
export function resolveFiles(mapping: SourceMapping, roots: readonly string[]): string[] {
  return resolveFilesDetailed(mapping, roots).files;
}

/** {@link resolveFiles}, also naming the patterns that matched a folder instead of a file. */
export function resolveFilesDetailed(mapping: SourceMapping, roots: readonly string[]): ResolvedFiles {
  const out = new Set<string>();
  const folders = new Set<string>();
  for (const pattern of mapping.files) {
    for (const root of roots) {
      const dir = resolve(root, dirname(pattern));
      if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
      const re = globToRegex(basename(pattern));
      for (const f of readdirSync(dir)) {
        if (!re.test(f)) continue;
        if (statSync(join(dir, f)).isFile()) out.add(join(dir, f));
        else if (!/[*?]/.test(basename(pattern))) folders.add(join(dir, f));
      }
    }
  }
  return { files: [...out].sort(), folders: [...folders].sort() };
}
