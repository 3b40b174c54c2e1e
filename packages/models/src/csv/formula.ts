/**
 * Spreadsheet formula neutralisation, per the OWASP guidance on CSV injection: a text cell that a
 * spreadsheet would evaluate (leading `=`, `+`, `-`, `@`, tab or carriage return, in ASCII or full
 * width) is prefixed with an apostrophe, which spreadsheets show as text. Plain numbers (`-5`,
 * `+86`) are left alone: they are data, not formulas.
 */
const TRIGGER = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$/;

/** True when a spreadsheet could evaluate the text as a formula or DDE command. */
export function isFormulaLike(text: string): boolean {
  return TRIGGER.test(text) && !PLAIN_NUMBER.test(text);
}

/**
 * The text as a spreadsheet will display it verbatim.
 * @example neutraliseFormula("=cmd|' /C calc'!A0") // "'=cmd|' /C calc'!A0"
 * @example neutraliseFormula('-5') // '-5'
 */
export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
