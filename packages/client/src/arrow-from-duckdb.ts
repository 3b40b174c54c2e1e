import { DuckDBTypeId, JSDuckDBValueConverter, type DuckDBDataChunk, type DuckDBType } from '@duckdb/node-api';
import {
  Bool,
  DateDay,
  Field,
  Float64,
  Int32,
  Int64,
  RecordBatch,
  Schema,
  TimestampMillisecond,
  Utf8,
  makeData,
  vectorFromArray,
  Struct,
  type Data,
  type DataType,
} from 'apache-arrow';

/**
 * How a DuckDB column type is held in Arrow. Integers up to 32 bits widen to Int32, BIGINT stays
 * Int64 (bigint), HUGEINT and DECIMAL become Float64 (sum() of a BIGINT is a HUGEINT in DuckDB, and
 * notebooks want numbers), dates and timestamps keep their meaning (timestamps in UTC
 * milliseconds); nested types (MAP, LIST, STRUCT) arrive as their JSON text.
 */
export function arrowTypeOf(type: DuckDBType): DataType {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new Bool();
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return new Int32();
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
      return new Int64();
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.DECIMAL:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return new Float64();
    case DuckDBTypeId.DATE:
      return new DateDay();
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return new TimestampMillisecond('UTC');
    default:
      return new Utf8();
  }
}

/** The Arrow schema of a result's columns. */
export function arrowSchemaOf(names: readonly string[], types: readonly DuckDBType[]): Schema {
  return new Schema(names.map((name, i) => new Field(name, arrowTypeOf(types[i]!), true)));
}

/** A value as JSON text, bigints as numbers (JSON has no bigint). */
function jsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

/** One column's JS values shaped for its Arrow type. */
function arrowValues(values: readonly unknown[], type: DataType): unknown[] {
  if (type instanceof Int64) return values.map((v) => (v === null || v === undefined ? null : BigInt(v as bigint | number)));
  if (type instanceof Int32 || type instanceof Float64) return values.map((v) => (v === null || v === undefined ? null : Number(v)));
  if (type instanceof Utf8) return values.map((v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : jsonText(v)));
  return values.map((v) => v ?? null);
}

/** An Arrow record batch of one DuckDB data chunk, in the given schema. */
export function recordBatchOf(schema: Schema, chunk: DuckDBDataChunk): RecordBatch {
  const columns = chunk.convertColumns(JSDuckDBValueConverter);
  const children: Data[] = schema.fields.map((field, i) => {
    const type = field.type as DataType;
    return vectorFromArray(arrowValues(columns[i] ?? [], type), type).data[0]!;
  });
  const data = makeData({ type: new Struct(schema.fields), length: chunk.rowCount, nullCount: 0, children });
  return new RecordBatch(schema, data);
}
