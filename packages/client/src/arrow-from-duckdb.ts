import { DuckDBTypeId, JSDuckDBValueConverter, type DuckDBDataChunk, type DuckDBType, type DuckDBVector } from '@duckdb/node-api';
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

/** DuckDB types whose values arrive as plain numbers (or bigints) for the typed-array path. */
const NUMBER_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
]);

/**
 * UTF-8 bytes of the strings of one result, kept while they are few: the columns of a mart repeat
 * a few codes and labels a million times, and encoding each copy again is most of an export.
 */
export type StringBytesCache = Map<string, Uint8Array>;
const MAX_CACHED_STRINGS = 1 << 16;
const encoder = new TextEncoder();

/** Arrow's validity bitmap (bit set = value present) and the null count of `n` values. */
function validity(n: number, isNull: (i: number) => boolean): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < n; i++)
    if (isNull(i)) nulls++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  return { bitmap, nulls };
}

/**
 * One column straight from DuckDB's vector into Arrow buffers (numbers into a typed array, text
 * into offsets and bytes), or null for the types left to the general path.
 */
function directData(vector: DuckDBVector, type: DataType, n: number, strings: StringBytesCache): Data | null {
  const id = vector.type.typeId;
  const numbers = NUMBER_TYPES.has(id) && (type instanceof Float64 || type instanceof Int32 || type instanceof Int64);
  const booleans = id === DuckDBTypeId.BOOLEAN && type instanceof Bool;
  const text = id === DuckDBTypeId.VARCHAR && type instanceof Utf8;
  // Other types go the general path: their values are not read here.
  if (!numbers && !booleans && !text) return null;
  const values = new Array<unknown>(n);
  for (let i = 0; i < n; i++) values[i] = vector.getItem(i);
  const { bitmap, nulls } = validity(n, (i) => values[i] === null);
  if (numbers) {
    const data = type instanceof Float64 ? new Float64Array(n) : type instanceof Int32 ? new Int32Array(n) : new BigInt64Array(n);
    if (data instanceof BigInt64Array) for (let i = 0; i < n; i++) data[i] = values[i] === null ? 0n : BigInt(values[i] as number | bigint);
    else for (let i = 0; i < n; i++) data[i] = values[i] === null ? 0 : Number(values[i]);
    return makeData({ type, length: n, nullCount: nulls, nullBitmap: bitmap, data } as never);
  }
  if (booleans) {
    const data = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) if (values[i] === true) data[i >> 3]! |= 1 << (i & 7);
    return makeData({ type, length: n, nullCount: nulls, nullBitmap: bitmap, data });
  }
  if (text) {
    const bytes = new Array<Uint8Array>(n);
    const valueOffsets = new Int32Array(n + 1);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i] as string | null;
      let b = v === null ? EMPTY : strings.get(v);
      if (b === undefined) {
        b = encoder.encode(v!);
        if (strings.size < MAX_CACHED_STRINGS) strings.set(v!, b);
      }
      bytes[i] = b;
      total += b.length;
      valueOffsets[i + 1] = total;
    }
    const data = new Uint8Array(total);
    for (let i = 0; i < n; i++) data.set(bytes[i]!, valueOffsets[i]!);
    return makeData({ type, length: n, nullCount: nulls, nullBitmap: bitmap, valueOffsets, data });
  }
  return null;
}
const EMPTY = new Uint8Array(0);

/**
 * An Arrow record batch of one DuckDB data chunk, in the given schema. Pass one `strings` cache
 * for all chunks of a result.
 */
export function recordBatchOf(schema: Schema, chunk: DuckDBDataChunk, strings: StringBytesCache = new Map()): RecordBatch {
  const n = chunk.rowCount;
  let converted: unknown[][] | null = null;
  const children: Data[] = schema.fields.map((field, i) => {
    const type = field.type as DataType;
    const direct = directData(chunk.getColumnVector(i), type, n, strings);
    if (direct) return direct;
    converted ??= chunk.convertColumns(JSDuckDBValueConverter);
    return vectorFromArray(arrowValues(converted[i] ?? [], type), type).data[0]!;
  });
  const data = makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children });
  return new RecordBatch(schema, data);
}
