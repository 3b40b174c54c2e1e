/**
 * Spreadsheet formula neutralisation, per the OWASP guidance on CSV injection: a text cell that a
 * spreadsheet would evaluate is prefixed with an apostrophe, which spreadsheets show as text. A
 * cell counts as a formula when
 * - it starts with `=`, `+`, `-` or `@` (ASCII or full width), possibly after spaces (some
 *   spreadsheets and importers drop leading spaces), or with a tab or a carriage return, and is not
 *   a plain number (`-5`, `+86`, `12%` are data, not formulas); or
 * - it holds a DDE reference `app|'topic'!item` anywhere (`cmd|' /C calc'!A0`), the payload of
 *   DDE attacks whatever comes before it.
 * The warehouse states the same rule in SQL (packages/models/src/warehouse/models/core/
 * neutralise_formula.sql); a test runs both over the same inputs so the two cannot drift.
 */
const TRIGGER = /^[ \u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$/;
const DDE = /\|[ \t]*'[^']*'[ \t]*!/;

/** True when a spreadsheet could evaluate the text as a formula or DDE command. */
export function isFormulaLike(text: string): boolean {
  return (TRIGGER.test(text) && !PLAIN_NUMBER.test(text)) || DDE.test(text);
}

/**
 * The text as a spreadsheet will display it verbatim.
 * @example neutraliseFormula("=cmd|' /C calc'!A0") // "'=cmd|' /C calc'!A0"
 * @example neutraliseFormula('-5') // '-5'
 */
export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
