import { sourceLine } from '../document/provenance.js';
import type { Provenance } from '../document/types.js';
import { escapeHtml } from './escape-html.js';

/** The source line as HTML; the warehouse model behind it rides along for analysts tracing a figure. */
export function sourceHtml(source: Provenance, after = ''): string {
  return `<p class="source" data-model="${escapeHtml(source.model)}">${escapeHtml(sourceLine(source))}${escapeHtml(after)}</p>`;
}
