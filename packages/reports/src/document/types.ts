/**
 * The document model of a publication: what a publication function (warehouse → document) returns
 * and every renderer (HTML, PDF, CSV, XLSX, index page) reads. Plain data, no behaviour, so a
 * document can be built in one place, checked by {@link validatePublication}, and rendered
 * many times. Everything a bureau reader sees is Simplified Chinese; keys and ids are ASCII.
 */

/** Where a figure comes from: the warehouse model and the run that produced it. */
export interface Provenance {
  /** Warehouse model (schema-qualified table or view), e.g. `marts.fct_skill_gap`. */
  model: string;
  /** The run whose build of `model` was read, e.g. `20251203T0200`. */
  runId: string;
  /** Optional extra words for the source line (e.g. the period or a filter). */
  detail?: string;
}

/**
 * How a numeric column is shown. Percent values are stored as percentages (12.5 means 12.5%),
 * as the releases print them; `pp` is a change in 百分点 printed with its sign.
 */
export type NumberFormat =
  | { kind: 'integer'; grouping?: boolean }
  | { kind: 'decimal'; digits: number; grouping?: boolean }
  | { kind: 'percent'; digits: number }
  | { kind: 'pp'; digits: number }
  | { kind: 'signed'; digits: number }
  | { kind: 'text' };

/** One column of a table. */
export interface Column {
  /** Key into each row's `cells`. */
  key: string;
  /** Header as printed (Chinese), without the unit. */
  header: string;
  /** Unit printed after the header, e.g. `人`, `%`, `元/月`, `百分点`. */
  unit?: string;
  /** Upper header spanning adjacent columns with the same group (e.g. `需求` over 人数 and 比重). */
  group?: string;
  format: NumberFormat;
  /**
   * What the column counts, for disclosure control: `count` (persons), `share` (a percentage of
   * persons), `mean` (a mean or median of persons), `ratio` (of two counts), `other`
   * (codes, names, ranks and amounts not about persons).
   */
  measure?: 'count' | 'share' | 'mean' | 'ratio' | 'other';
  /**
   * Share of the table's width, in percent, in HTML and PDF. When any column of a table has one, the
   * widths are fixed and the columns without one share what the others leave; otherwise the browser
   * sizes the columns by their content, which squeezes short columns beside long text.
   */
  width?: number;
  /**
   * How a text cell may wrap: `list` only after the 、 between items, so that no name is split across
   * lines; `none` not at all (a short word such as 较紧缺). Default: anywhere, as Chinese text wraps.
   */
  wrap?: 'list' | 'none';
}

/**
 * Why a cell is withheld. Kept in the document for the audit and for tests; every renderer prints
 * the same mark for all reasons, so that the public output does not tell small cells apart from
 * their complements.
 */
export type WithheldReason = 'small-count' | 'complementary' | 'small-denominator' | 'small-group' | 'derived';

/** A table cell: a bare value, or a value with marks. */
export type Cell = string | number | null | CellDetail;

export interface CellDetail {
  /** The value; absent when withheld (a withheld value never enters the document). */
  value?: string | number | null;
  /** Withheld by disclosure control. */
  withheld?: WithheldReason;
  /** Ids of table notes that this cell carries (printed as ①, ②, …). */
  notes?: string[];
  /**
   * Key of the cell in the run's count system (see `disclosure/`), so that the audit can read
   * what every output publishes.
   */
  ref?: string;
  /** A rate printed as a band instead of its value (which is then absent). */
  band?: RateBand;
}

/**
 * A placement rate (1 − 待就业 / 毕业生数) printed as the band [lower, upper) in percent — closed at
 * 100 — with the keys of its two counts in the run's count system, so that the audit reads back
 * what the band tells of them.
 */
export interface RateBand {
  lower: number;
  upper: number;
  /** Key of the 待就业 count. */
  unemployed: string;
  /** Key of the 毕业生数 count. */
  graduates: string;
}

export interface Row {
  /** Stable key (a code or a label); used for ids and chart categories. */
  key: string;
  cells: Readonly<Record<string, Cell>>;
  /** 0 for ordinary rows; 1 for a 其中 sub-row (indented, its share is of the parent row). */
  level?: number;
  /** A total row (合计), printed bold and excluded from charts. */
  total?: boolean;
}

/** A note under a table, referenced by cells (`notes`) or standing alone. */
export interface TableNote {
  id: string;
  text: string;
}

export interface TableBlock {
  kind: 'table';
  /** Unique in the publication; file names of the CSV use it. */
  id: string;
  /** Caption without its number (表N is added by numbering). */
  caption: string;
  columns: readonly Column[];
  rows: readonly Row[];
  /** 单位 line above the table when every count shares one unit, e.g. `人`. */
  unit?: string;
  notes?: readonly TableNote[];
  source: Provenance;
  /**
   * Printed in the smaller type of tables with many columns, for a table of fewer columns that holds long
   * text in several (a catalogue's definitions, places and industries side by side).
   */
  small?: boolean;
}

/** Chart specifications: what to draw from the table named by {@link ChartBlock.table}. */
export type ChartSpec = LineFanSpec | BarSpec | HeatmapSpec | SmallMultiplesSpec;

/**
 * A line with a forecast fan: rows hold one period each; `observed` filled up to the last
 * observation, `forecast` and the four bounds after it.
 */
export interface LineFanSpec {
  type: 'line-fan';
  x: string;
  observed: string;
  forecast: string;
  lower80: string;
  upper80: string;
  lower95: string;
  upper95: string;
  yLabel: string;
  /** Label of the observed line (default 实际值). */
  observedLabel?: string;
}

/**
 * Bars: one bar per row (ranking) or one per row and value column (grouped or stacked). The value
 * axis is labelled with the first value column's header and unit (the column's, else the table's:
 * `岗位需求（人）`); a value column without a unit is invalid.
 */
export interface BarSpec {
  type: 'bars';
  /** Column holding the category label. */
  category: string;
  /** Value columns; more than one gives grouped or stacked bars, with the column headers as series. */
  values: readonly string[];
  layout?: 'grouped' | 'stacked';
  /** `horizontal` for rankings with long Chinese labels. */
  orientation: 'horizontal' | 'vertical';
  /** Keep the table's row order (a ranking) instead of sorting by value. */
  keepOrder?: boolean;
}

/** Heat map of a wide table: one row per `rowLabel`, one value column per heat-map column. */
export interface HeatmapSpec {
  type: 'heatmap';
  rowLabel: string;
  columns: readonly string[];
  legend: string;
}

/**
 * One small line chart per row of a wide table (a group, e.g. an industry), with one value column
 * per period: `series` names each period's column, its x value and whether it is a forecast.
 */
export interface SmallMultiplesSpec {
  type: 'small-multiples';
  /** Column holding the panel title. */
  group: string;
  series: readonly { column: string; x: number; forecast?: boolean }[];
  yLabel: string;
  /** Panels per row (default 3). */
  columns?: number;
}

export interface ChartBlock {
  kind: 'chart';
  id: string;
  /** Caption without its number (图N is added by numbering). */
  caption: string;
  /** Id of the table in the same publication the chart is drawn from (printed beside it). */
  table: string;
  spec: ChartSpec;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** Provenance of the figures quoted in the paragraph, printed as a note. */
  source?: Provenance;
}

/** 编制说明 / 指标解释: terms and their definitions. */
export interface MethodologyBlock {
  kind: 'methodology';
  items: readonly { term: string; definition: string }[];
}

/** 数据来源: each source with the warehouse table it is loaded into and its load date. */
export interface DataSourcesBlock {
  kind: 'data-sources';
  sources: readonly { name: string; table: string; loadedAt: string; rows?: number; note?: string }[];
}

export type Block = ParagraphBlock | TableBlock | ChartBlock | MethodologyBlock | DataSourcesBlock;

export interface Section {
  /** Anchor id, unique in the publication. */
  id: string;
  /** Title without its number (一、 / （一） / 1. is added by numbering). */
  title: string;
  blocks: readonly Block[];
  sections?: readonly Section[];
}

export interface Publication {
  /** File stem of every output, ASCII, e.g. `skills-supply-demand-450000-2025`. */
  id: string;
  /** Title, e.g. `2025年广西壮族自治区技能人才供需信息`. */
  title: string;
  subtitle: {
    region: { code: string; name: string };
    year: number;
    /** Issuing body, e.g. `广西壮族自治区人力资源和社会保障厅`. */
    issuer: string;
    /** Date printed under the title (YYYY-MM-DD). */
    issued: string;
  };
  /** The run the publication belongs to. */
  runId: string;
  sections: readonly Section[];
  /**
   * Publications that belong to this one, written in a folder of its own (`<id>/<folder>/<annex id>/`)
   * and listed under it on the index page: the school reports of a region's graduate report.
   */
  annexes?: {
    folder: string;
    title: string;
    publications: readonly Publication[];
    /** Names of those left out (schools below the size rule) and why, for the index page. */
    omitted?: readonly string[];
    omittedReason?: string;
  };
}
