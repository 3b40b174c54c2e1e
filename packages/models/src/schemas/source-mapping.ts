import { z } from 'zod';
import { RECORD_KINDS } from '../kinds/registry.js';

/** Kind of record a source delivers: a key of the kind registry (kinds/registry.ts). */
export const recordKindSchema = z.enum(RECORD_KINDS).describe('Kind of record a source delivers.');

/** A fix applied to each mapped row before validation, in the order listed. */
export const mappingTransformSchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('split').describe('Split one glued field into several with a regex.'),
      field: z.string().describe('Field holding the glued text (e.g. 1-3年本科).'),
      pattern: z.string().describe('Regex whose named groups are the target field names; unmatched text stays in place.'),
    })
    .strict()
    .describe('Split glued fields such as 1-3年本科 or 互联网A轮1000-9999人.'),
  z
    .object({
      op: z.literal('move-if').describe('Repair a column shift: move a value to the field it belongs to.'),
      from: z.string().describe('Field that may hold a shifted value.'),
      to: z.string().describe('Field the value belongs in; the move happens only when it is empty or matches `toEmpty`.'),
      unless: z.string().describe('Regex; the value stays where it is when it matches (it is genuine).'),
      toEmpty: z.string().optional().describe('Regex matching values of `to` that count as empty (e.g. a language requirement).'),
    })
    .strict()
    .describe('Repair shifted columns (51job 2019: 学历 lands in 工作经验 when experience is missing).'),
  z
    .object({
      op: z.literal('strip'),
      field: z.string().describe('Field to clean.'),
      pattern: z.string().describe('Regex removed from the value (e.g. ^招聘).'),
    })
    .strict()
    .describe('Remove a fixed prefix or suffix from a field.'),
  z
    .object({
      op: z.literal('template'),
      into: z.string().describe('Field to fill.'),
      template: z.string().describe('Text with {field} placeholders.'),
      requires: z.array(z.string()).describe('Fields that must all be non-empty for the template to apply.'),
      otherwise: z.string().optional().describe('Template used when a required field is empty.'),
    })
    .strict()
    .describe('Compose one field from several (e.g. pre-split salary columns into a salary text).'),
  z
    .object({
      op: z.literal('map'),
      field: z.string().describe('Field whose whole value is looked up.'),
      values: z
        .record(z.string(), z.string())
        .describe('Value as written → value to use (e.g. month → 月, junior_college → 大专); others unchanged.'),
      into: z
        .string()
        .optional()
        .describe('Field the looked-up value is written to, leaving `field` as read (全区 → region_code 450000); default: `field` itself.'),
    })
    .strict()
    .describe("Translate a source's own vocabulary into the words the normalisers read, or into a code beside the text."),
  z
    .object({
      op: z.literal('replace'),
      field: z.string().describe('Field to rewrite.'),
      pattern: z.string().describe('Regex (Unicode); every match is replaced.'),
      with: z.string().describe('Replacement; $1, $2 … and $<name> insert groups of the match.'),
    })
    .strict()
    .describe('Regular-expression replacement in one field (e.g. 年薪(\\d+)万 → $1万/年).'),
]);
export type MappingTransform = z.infer<typeof mappingTransformSchema>;

/** Text a whole line reads as: its non-blank cells, trimmed, joined by one space (a footnote merged across the table is one cell). */
const LINE_TEXT = "the line's text (its non-blank cells joined by a space)";

/** Fields of every record of a file, from its title or unit line. */
export const preambleRuleSchema = z
  .object({
    pattern: z
      .string()
      .describe(
        `Regex (Unicode) on ${LINE_TEXT} of each line before the header; its named groups are field names (（(?<year>\\d{4})年末）).`,
      ),
  })
  .strict()
  .describe('A field of the whole file read from a line before the header (the year of 表4-7 …（2021年末）).');

/** A wide table read as one record per value cell. */
export const unpivotSchema = z
  .object({
    under: z
      .array(z.string())
      .min(1)
      .optional()
      .describe(
        'Header aliases of the group cell above the value columns (地区 in a two-row header); default: every column no alias under `columns` claims.',
      ),
    name: z.string().describe("Field receiving the value column's header cell (its last header row: 南宁市)."),
    value: z.string().describe('Field receiving the cell.'),
  })
  .strict()
  .describe(
    'Reads each value column of a wide table as its own record: the fixed columns plus the column header into `name` and the cell into `value`. An empty cell is no record; a line whose value cells are all empty is rejected unless `explain` matches it.',
  );

/** Records stated in a text line (a footnote revising a figure). */
export const extractRuleSchema = z
  .object({
    when: z
      .string()
      .optional()
      .describe(
        `Regex on ${LINE_TEXT}: lines it matches must match \`pattern\` and are rejected when they do not (a garbled revision is never lost); default: \`pattern\` itself.`,
      ),
    pattern: z.string().describe(`Regex (Unicode) on ${LINE_TEXT}; its named groups are field names of the record.`),
  })
  .strict()
  .describe('A record made from a text line by a regex with named groups; constants, file fields and transforms apply as to any record.');

/** Lines that hold no record by design. */
export const explainRuleSchema = z
  .object({
    pattern: z.string().describe(`Regex (Unicode) on ${LINE_TEXT}.`),
    what: z.string().min(1).describe('What such lines are (注释, 资料来源): counted per load in its message.'),
  })
  .strict()
  .describe('Lines after the header explained by pattern: counted as explained, not read as records.');

/**
 * A per-source mapping file (`datasets/sources/<source>.json`): how to read the files of one
 * source and which header aliases feed which canonical field. A bureau adds a source by writing
 * one of these, not code.
 */
export const sourceMappingSchema = z
  .object({
    source: z
      .string()
      .regex(/^[a-z0-9_]+$/)
      .describe('Stable source id (snake_case); recorded on every load and row.'),
    kind: recordKindSchema,
    description: z.string().describe('What the source is, in a sentence.'),
    provenance: z.string().optional().describe('Where the files come from (repository @ commit, bureau, URL).'),
    files: z
      .array(z.string())
      .min(1)
      .describe(
        'Glob patterns (wildcards in the file name) of the files of this source, relative to the data folder (--data) or, for the public samples, the shared reference folder.',
      ),
    format: z
      .enum(['csv', 'xlsx', 'jsonl', 'json'])
      .describe('File format: csv (any single-character delimiter), xlsx, jsonl (one JSON object a line), json (one array of objects).'),
    encoding: z
      .enum(['auto', 'utf-8', 'gb18030', 'utf-16le', 'utf-16be'])
      .default('auto')
      .describe(
        "Text encoding; auto detects UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's Unicode text), GB18030/GBK and GBK-as-Latin-1 mojibake.",
      ),
    delimiter: z
      .string()
      .length(1, 'one character, e.g. "\\t" or ";"')
      .optional()
      .describe('CSV: the character between cells; default: sniffed from the header among , tab ; | and the full-width comma.'),
    arraySeparator: z
      .string()
      .default(',')
      .describe('JSON: a value that is an array (label lists, tags) is stored as its items joined with this text.'),
    keep: z
      .array(z.string())
      .default([])
      .describe(
        "Source columns (header names; JSON: dotted keys) with no canonical field to store anyway, as text in the raw table's extra map.",
      ),
    cellFormat: z
      .enum(['plain', 'python-list'])
      .default('plain')
      .describe("python-list: cells are list literals such as ['1-1.5万/月'] and are unwrapped."),
    headerRow: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('1-based record holding the header; default: the first record that matches at least two aliases.'),
    headerRows: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(1)
      .describe(
        "Records the header spans, from the header row down (a yearbook's 地区 over the city names). In every header row but the last an empty cell continues the cell to its left (merged across); in the last an empty cell takes the cell above (merged down). A column is named by its last header cell; aliases match the cell of any header row.",
      ),
    preamble: z
      .array(preambleRuleSchema)
      .default([])
      .describe(
        'Regexes tried on the text lines before the header (title, unit line): their named groups fill fields of every record of the file.',
      ),
    unpivot: unpivotSchema.optional(),
    extract: z
      .array(extractRuleSchema)
      .default([])
      .describe('Records read from text lines after the header (footnotes) by regexes with named groups; tried before `explain`.'),
    explain: z
      .array(explainRuleSchema)
      .default([])
      .describe('Lines after the header that hold no record by design (notes, source lines, rows a table leaves blank), matched by regex.'),
    unmatched: z
      .enum(['keep', 'reject'])
      .default('keep')
      .describe(
        "Records whose names or codes the kind's core model cannot match to the code lists (its unmatched figures): keep them flagged (default) or reject them with line, column and reason.",
      ),
    skipRowPattern: z
      .string()
      .optional()
      .describe('Regex on the first cell; matching records are skipped and counted (e.g. province subtotal rows).'),
    sheet: z.string().optional().describe('XLSX: worksheet name to read (default: the first).'),
    columns: z
      .record(z.string(), z.array(z.string()).min(1))
      .describe(
        'Canonical field (or a helper field used by transforms) → header aliases (Chinese or English, matched ignoring spaces and case). JSON lines: nested keys as dotted paths (company.name).',
      ),
    optional: z
      .array(z.string())
      .default([])
      .describe(
        "Fields under `columns` that some files of the source do not have (a table that leaves the school name out): such a file loads with the field empty. Any other field under `columns` that a file's header lacks refuses the file (a renamed column must not empty a field in every row).",
      ),
    constants: z.record(z.string(), z.string()).default({}).describe('Fields with one value for the whole source (e.g. publisher).'),
    require: z
      .array(z.string())
      .default([])
      .describe(
        "Fields the schema leaves optional but this source always fills (an API dump's publication date): an empty one rejects the row.",
      ),
    transforms: z.array(mappingTransformSchema).default([]).describe('Fixes applied to each row, in order, before validation.'),
    period: z
      .object({
        from: z.enum(['filename', 'field']).describe('Take the period from the file name or from a mapped field.'),
        pattern: z.string().describe('Regex; its first group is the period (e.g. (\\d{4}) in a file name).'),
        field: z.string().optional().describe('Field to read when from = field.'),
      })
      .strict()
      .optional()
      .describe('How to find the period a file covers (used by the replacement policy).'),
    replace: z
      .enum(['replace', 'append'])
      .default('append')
      .describe('replace: a new file for the same source and period replaces the earlier load; append: every distinct file adds rows.'),
    fastPath: z
      .boolean()
      .default(false)
      .describe('Let DuckDB read_csv parse the file in bulk (regular UTF-8/GBK CSV without per-row transforms).'),
  })
  .strict()
  .describe('Per-source mapping file.');
export type SourceMapping = z.infer<typeof sourceMappingSchema>;
export type SourceMappingInput = z.input<typeof sourceMappingSchema>;
