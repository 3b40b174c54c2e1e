import type { Block, Column, Row } from '../document/types.js';
import { chartWithTable } from '../document/chart-with-table.js';
import { FORMAT, persons, source, type PublicationContext } from './context.js';

/**
 * Years before the last observed one that a fan chart draws as its observed line, so that the
 * forecast reads against the series' recent course (fewer when the warehouse holds fewer).
 */
export const FAN_HISTORY_YEARS = 5;

/** One year of a projected series with its 95% interval (null on observed years). */
export interface FanPoint {
  year: number;
  value: number;
  lo: number | null;
  hi: number | null;
  isForecast: boolean;
}

/**
 * The marts give 95% intervals only; the 80% band is the 95% band's distance from the forecast
 * scaled by z(0.90)/z(0.975) = 1.2816/1.96, i.e. read as a normal interval on each side.
 */
const Z80_OVER_Z95 = 1.2816 / 1.96;

/** Says where the observed line starts when the warehouse holds fewer years than a fan draws. */
function historyNote(points: readonly FanPoint[], observedLabel: string): { id: string; text: string }[] {
  const observed = points.filter((p) => !p.isForecast).map((p) => p.year);
  if (observed.length === 0) return [];
  const first = Math.min(...observed);
  if (first <= Math.max(...observed) - FAN_HISTORY_YEARS) return [];
  return [{ id: 'history', text: `${observedLabel}自${first}年起，数据仓库中此前年份暂无该项数据。` }];
}

export interface FanOptions {
  /**
   * What the years before the forecast are: 实际值 (observed, the default) or 估算值 (modelled from
   * observed data by the projection's own rules, as openings are), with a note saying how.
   */
  estimated?: { note: string };
}

/** A line-with-fan chart and its table (the table beside it), for one series. */
export function fanBlocks(
  ctx: PublicationContext,
  id: string,
  caption: string,
  points: readonly FanPoint[],
  model: string,
  detail: string,
  yLabel: string,
  options: FanOptions = {},
): Block[] {
  const observedLabel = options.estimated ? '估算值' : '实际值';
  const rows: Row[] = points.map((p) => {
    const f = p.isForecast;
    const lo80 = f && p.lo !== null ? p.value - (p.value - p.lo) * Z80_OVER_Z95 : null;
    const hi80 = f && p.hi !== null ? p.value + (p.hi - p.value) * Z80_OVER_Z95 : null;
    return {
      key: String(p.year),
      cells: {
        year: `${p.year}年`,
        observed: f ? null : persons(p.value),
        forecast: f ? persons(p.value) : null,
        lower80: persons(lo80),
        upper80: persons(hi80),
        lower95: f ? persons(p.lo) : null,
        upper95: f ? persons(p.hi) : null,
      },
    };
  });
  const columns: Column[] = [
    { key: 'year', header: '年份', format: FORMAT.text, measure: 'other' },
    { key: 'observed', header: observedLabel, format: FORMAT.int, measure: 'other' },
    { key: 'forecast', header: '预测值', format: FORMAT.int, measure: 'other' },
    { key: 'lower80', header: '下限', group: '80%预测区间', format: FORMAT.int, measure: 'other' },
    { key: 'upper80', header: '上限', group: '80%预测区间', format: FORMAT.int, measure: 'other' },
    { key: 'lower95', header: '下限', group: '95%预测区间', format: FORMAT.int, measure: 'other' },
    { key: 'upper95', header: '上限', group: '95%预测区间', format: FORMAT.int, measure: 'other' },
  ];
  return chartWithTable(
    id,
    caption,
    {
      type: 'line-fan',
      x: 'year',
      observed: 'observed',
      forecast: 'forecast',
      lower80: 'lower80',
      upper80: 'upper80',
      lower95: 'lower95',
      upper95: 'upper95',
      yLabel,
      observedLabel,
    },
    {
      unit: '人',
      columns,
      rows,
      notes: [
        { id: 'band', text: '95%预测区间取自预测模型；80%预测区间按正态近似由95%区间折算（宽度乘以1.2816/1.96）。' },
        ...(options.estimated ? [{ id: 'estimated', text: options.estimated.note }] : []),
        ...historyNote(points, observedLabel),
      ],
      source: source(ctx, model, detail),
    },
  );
}
