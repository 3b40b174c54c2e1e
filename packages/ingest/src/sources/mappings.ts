import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, dirname, basename } from 'node:path';
import { sourceMappingSchema, type SourceMapping } from '@talent/models';
import { kindSpec } from '../load/kinds.js';

/** A mapping file that failed its schema: named with the zod messages, never silently dropped. */
export class MappingError extends Error {
  override name = 'MappingError';
}

/** Reads and validates one mapping file. */
export function readMapping(file: string): SourceMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new MappingError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = sourceMappingSchema.safeParse(json);
  if (!parsed.success) throw new MappingError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const m = parsed.data;
  if (m.fastPath && (m.format !== 'csv' || m.transforms.length > 0 || m.cellFormat !== 'plain' || m.skipRowPattern || m.headerRow))
    throw new MappingError(`${file}: fastPath needs a plain CSV with the header on line 1 and no transforms`);
  const fields = new Set(kindSpec(m.kind).rules.map((r) => r.name));
  const unknown = m.require.filter((f) => !fields.has(f));
  if (unknown.length) throw new MappingError(`${file}: require names fields a ${m.kind} record does not have: ${unknown.join(', ')}`);
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

/**
 * Files of a mapping: each pattern (wildcards in the file name only) resolved against each root
 * that has the pattern's folder. Sorted so loads happen in a stable order (older periods first).
 */
export function resolveFiles(mapping: SourceMapping, roots: readonly string[]): string[] {
  const out = new Set<string>();
  for (const pattern of mapping.files) {
    for (const root of roots) {
      const dir = resolve(root, dirname(pattern));
      if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
      const re = globToRegex(basename(pattern));
      for (const f of readdirSync(dir)) if (re.test(f) && statSync(join(dir, f)).isFile()) out.add(join(dir, f));
    }
  }
  return [...out].sort();
}
