export { columnLetter } from './column-letter.js';
export { isFormulaLike, neutraliseFormula } from './formula.js';
export { csvRecord, toCsv, writeCsv, writeFileAtomic } from './to-csv.js';
export type { CsvCell, CsvCellOptions, CsvOptions } from './to-csv.js';
