import type { DataFrame } from 'danfojs-node';
import { DataType, DateUnit, type Field, type Table } from 'apache-arrow';

/** danfojs's column types: it has no bigint, date or double type of its own. */
type FrameDtype = 'string' | 'int32' | 'float32' | 'boolean';

/**
 * How a column's cells become danfojs cells, and the type danfojs is told. Dates and times become ISO text (an
 * Arrow vector gives them as epoch milliseconds); codes stay text (left to itself, danfojs reads '450000' and
 * '01' as numbers); bigints become numbers.
 */
function columnOf(field: Field): { cell: (value: unknown) => unknown; dtype: FrameDtype } {
  const type = field.type as DataType;
  if (DataType.isDate(type)) {
    const day = type.unit === DateUnit.DAY;
    return {
      cell: (v) => (v === null || v === undefined ? null : new Date(Number(v)).toISOString().slice(0, day ? 10 : 24)),
      dtype: 'string',
    };
  }
  if (DataType.isTimestamp(type))
    return { cell: (v) => (v === null || v === undefined ? null : new Date(Number(v)).toISOString()), dtype: 'string' };
  if (DataType.isBool(type)) return { cell: (v) => v ?? null, dtype: 'boolean' };
  if (DataType.isInt(type))
    return { cell: (v) => (v === null || v === undefined ? null : Number(v)), dtype: type.bitWidth <= 32 ? 'int32' : 'float32' };
  if (DataType.isFloat(type) || DataType.isDecimal(type))
    return { cell: (v) => (v === null || v === undefined ? null : Number(v)), dtype: 'float32' };
  return { cell: (v) => (v === null || v === undefined ? null : String(v)), dtype: 'string' };
}

/**
 * A danfojs DataFrame of an Arrow table, column by column, each with the type its Arrow field says. danfojs (and
 * the TensorFlow.js it carries) loads on the first call only, so the pipeline that shares this package's Arrow
 * code never loads it. The frame's values are JavaScript numbers (doubles); only its `.tensor` is float32.
 */
export async function frameFromArrow(table: Table): Promise<DataFrame> {
  const { DataFrame: Frame } = await import('danfojs-node');
  const columns: Record<string, unknown[]> = {};
  const dtypes: FrameDtype[] = [];
  for (const field of table.schema.fields) {
    const { cell, dtype } = columnOf(field);
    // Iterating (not toArray) keeps nulls, which typed arrays would turn into zeros.
    columns[field.name] = Array.from(table.getChild(field.name)! as Iterable<unknown>, cell);
    dtypes.push(dtype);
  }
  return new Frame(columns, { dtypes });
}
