/**
 * @talent/reports/rules: the publications' rules (datasets/publications/rules.json), on their own
 * subpath so that a command reading them (the run summary's frameworks) loads none of the renderers.
 */
export { defaultFrameworkOf, readPublicationRules } from './publications/rules.js';
export type { PublicationRules } from './publications/rules.js';
