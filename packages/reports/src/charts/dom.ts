/// <reference lib="dom" />
// Charts take DOM types (Document, Element); this reference gives them to every program that
// type-checks this package's sources (the benchmarks and cross-package tests too).
import { parseHTML } from 'linkedom';

/**
 * A server-side DOM for Plot. Charts take the document as an argument (they stay pure); this is
 * the one place that creates it.
 */
export function createChartDocument(): Document {
  return parseHTML('<!doctype html><html><head></head><body></body></html>').document;
}
