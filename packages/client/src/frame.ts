import type { DataFrame } from 'danfojs-node';
import type { Table } from 'apache-arrow';

/** A cell as danfojs holds it: it has no bigint or date type, so those become numbers and ISO text. */
function frameValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

/**
 * A danfojs DataFrame of an Arrow table, column by column. danfojs (and the TensorFlow.js it
 * carries) loads on the first call only, so the pipeline that shares this package's Arrow code
 * never loads it.
 */
export async function frameFromArrow(table: Table): Promise<DataFrame> {
  const { DataFrame: Frame } = await import('danfojs-node');
  const columns: Record<string, unknown[]> = {};
  for (const field of table.schema.fields) {
    // Iterating (not toArray) keeps nulls, which typed arrays would turn into zeros.
    columns[field.name] = Array.from(table.getChild(field.name)! as Iterable<unknown>, frameValue);
  }
  return new Frame(columns);
}
