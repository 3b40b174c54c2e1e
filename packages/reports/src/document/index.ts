export type {
  Block,
  Cell,
  CellDetail,
  ChartBlock,
  ChartSpec,
  Column,
  DataSourcesBlock,
  BarSpec,
  HeatmapSpec,
  LineFanSpec,
  MethodologyBlock,
  NumberFormat,
  ParagraphBlock,
  Provenance,
  Publication,
  Row,
  Section,
  SmallMultiplesSpec,
  RateBand,
  TableBlock,
  TableNote,
  WithheldReason,
} from './types.js';
export { BAND_NOTE, bandText, cellDetail, cellNumber, cellText, cellValue, headerWithUnit, WITHHELD_MARK, WITHHELD_NOTE } from './cells.js';
export { formatNumber, excelNumberFormat, roundHalfAway } from './format-number.js';
export { chineseNumeral, headingNumber, numberPublication } from './numbering.js';
export type { Numbering, SectionEntry } from './numbering.js';
export { chartWithTable } from './chart-with-table.js';
export { sourceLine } from './provenance.js';
export { validatePublication, assertValidPublication } from './validate.js';
export type { DocumentIssue } from './validate.js';
export { everyPublication } from './annexes.js';
