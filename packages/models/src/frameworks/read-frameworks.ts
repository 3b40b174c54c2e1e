import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ReferenceTable } from '../warehouse/reference-table.js';
import type { CodeTree } from '../taxonomy/code-tree.js';
import type { FrameworkCodeLists } from './validate-framework.js';
import { frameworkSchema, type Framework } from './framework-schema.js';
import { validateFramework, type FrameworkIssue } from './validate-framework.js';

/** A framework file that failed its schema or its checks; `issues` holds every reason found. */
export class FrameworkValidationError extends Error {
  constructor(readonly issues: (FrameworkIssue & { file: string })[]) {
    super(`Invalid framework files:\n${issues.map((i) => `  ${i.file} ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'FrameworkValidationError';
  }
}

/** The validated frameworks of a folder together with the code lists used to check them. */
export interface LoadedFrameworks {
  frameworks: Framework[];
  files: string[];
  industry: CodeTree;
  region: CodeTree;
}

/**
 * Reads every `*.json` framework of `dir`, checks each against its zod schema and against the
 * industry and region code lists (see `validateFramework`), and returns them in file-name order.
 * @throws FrameworkValidationError listing every problem of every file, so that one run shows all.
 */
export function loadFrameworks(dir: string, lists: Required<FrameworkCodeLists>): LoadedFrameworks {
  const { industry, region } = lists;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
  const issues: (FrameworkIssue & { file: string })[] = [];
  const frameworks: Framework[] = [];
  for (const file of files) {
    const id = basename(file, '.json');
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      issues.push({ file, framework: id, path: '', message: `not valid JSON: ${(err as Error).message}` });
      continue;
    }
    const parsed = frameworkSchema.safeParse(json);
    if (!parsed.success) {
      for (const e of parsed.error.issues) issues.push({ file, framework: id, path: e.path.join('.'), message: e.message });
      continue;
    }
    const fw = parsed.data;
    if (fw.framework !== id)
      issues.push({ file, framework: id, path: 'framework', message: `framework "${fw.framework}" must equal the file name "${id}"` });
    for (const issue of validateFramework(fw, { industry, region })) issues.push({ file, ...issue });
    frameworks.push(fw);
  }
  if (issues.length) throw new FrameworkValidationError(issues);
  return { frameworks, files, industry, region };
}

function sha256Of(files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(basename(f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

/**
 * Reads, validates and flattens the policy industry frameworks into the rows of
 * `ref.framework`, `ref.framework_group` (one row per group × industry code) and
 * `ref.framework_overlap` (one row per declared overlap × code), ready for `loadReference`.
 * @example const tables = readFrameworks(join(referenceDir, 'frameworks'), codeLists.trees); await loadReference(wh.conn, tables);
 */
export function readFrameworks(dir: string, lists: Required<FrameworkCodeLists>): ReferenceTable[] {
  const { frameworks, files, industry } = loadFrameworks(dir, lists);
  // Names are copied from the code list, so its content is part of what the rows came from.
  const sha256 = sha256Of([...files, industry.file]);
  const edition = `policy frameworks: ${frameworks.map((f) => `${f.framework} (${f.source.year})`).join(', ')}`;
  const nameOf = (code: string) => industry.get(code)?.name ?? null;

  const framework = frameworks.map((f) => ({
    framework: f.framework,
    name: f.name,
    region_code: f.region_code,
    source_file: f.source.file,
    source_title: f.source.title,
    year: f.source.year,
    document_number: f.source.document_number ?? null,
    source_note: f.source.note ?? null,
    group_count: f.groups.length,
  }));
  const group = frameworks.flatMap((f) =>
    f.groups.flatMap((g, gi) =>
      g.industry_codes.map((code) => ({
        framework: f.framework,
        group_code: g.group_code,
        group_name: g.group_name,
        group_order: gi + 1,
        tier: g.tier ?? null,
        city_code: g.city_code ?? null,
        industry_code: code,
        industry_name: nameOf(code),
        industry_level: industry.get(code)?.level ?? null,
        quote: g.quote,
        note: g.note,
      })),
    ),
  );
  const overlap = frameworks.flatMap((f) =>
    f.overlaps.flatMap((o) =>
      o.industry_codes.map((code) => ({
        framework: f.framework,
        group_a: o.groups[0],
        group_b: o.groups[1],
        industry_code: code,
        industry_name: nameOf(code),
        note: o.note,
      })),
    ),
  );
  return [
    { listId: 'framework', table: 'ref.framework', edition, sha256, rows: framework },
    { listId: 'framework_group', table: 'ref.framework_group', edition, sha256, rows: group },
    { listId: 'framework_overlap', table: 'ref.framework_overlap', edition, sha256, rows: overlap },
  ];
}
