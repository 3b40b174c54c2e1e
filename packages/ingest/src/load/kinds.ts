import { kindDefinition, type KindDefinition, type RecordKind } from '@talent/models';
import { fieldRules, type FieldRule } from './field-rules.js';

/** A record kind as the loader uses it: its definition (packages/models/src/kinds/) and its field rules. */
export interface KindSpec extends KindDefinition {
  kind: RecordKind;
  rules: FieldRule[];
}

const cache = new Map<RecordKind, KindSpec>();

/** The spec of a record kind, with field rules derived from its zod schema once. */
export function kindSpec(kind: RecordKind): KindSpec {
  let spec = cache.get(kind);
  if (!spec) {
    const def = kindDefinition(kind);
    spec = { ...def, kind, rules: fieldRules(def.schema) };
    cache.set(kind, spec);
  }
  return spec;
}
