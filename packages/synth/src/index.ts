// Public API of @talent/synth.
export { generateEdition, type GenerateOptions, type GenerateSummary } from './generate.js';
export { loadAssumptions, type Assumptions, type EditionSize } from './assumptions.js';
export { Rng } from './prng.js';
export { EDITION_FOLDERS, TRUTH_FOLDER, YEARBOOK_FOLDER, ENROLLMENT_HEADER, SCHOOL_LIST_HEADER, yearbookFile } from './write/layout.js';
export { OUTCOMES_HEADER, DESTINATIONS_HEADER, INDUSTRIES_HEADER } from './write/to-outcomes.js';
export { SHORTAGE_HEADER } from './write/to-shortage.js';
export { SOURCE_A_HEADER, SOURCE_B_HEADER, POSTINGS_KEY_HEADER, POSTING_BOARDS, boardSource } from './write/to-postings.js';
export { YEARBOOK_CELLS_HEADER, YEARBOOK_REVISIONS_HEADER, yearbookLabel } from './write/to-yearbook.js';
