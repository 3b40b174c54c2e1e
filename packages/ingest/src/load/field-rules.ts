import { z } from 'zod';

/** What the validator needs to know of one field, read off the zod schema's JSON Schema. */
export interface FieldRule {
  name: string;
  type: 'string' | 'number' | 'integer';
  required: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: string[];
}

interface JsonProp {
  type?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: string[];
}

/**
 * Derives per-field rules from a record schema so that the bulk SQL validator enforces exactly
 * what the zod schema says (the schema stays the single source of truth; a test checks both agree).
 * Cross-field rules (superRefine) are not visible here; each kind restates them in SQL.
 */
export function fieldRules(schema: z.ZodType): FieldRule[] {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, JsonProp>;
    required?: string[];
  };
  const required = new Set(js.required ?? []);
  return Object.entries(js.properties).map(([name, p]) => {
    const type = p.type === 'integer' ? 'integer' : p.type === 'number' ? 'number' : 'string';
    const rule: FieldRule = { name, type, required: required.has(name) };
    const min =
      p.minimum ?? (p.exclusiveMinimum !== undefined ? p.exclusiveMinimum + (type === 'integer' ? 1 : Number.EPSILON) : undefined);
    if (min !== undefined) rule.minimum = min;
    if (p.maximum !== undefined && p.maximum < Number.MAX_SAFE_INTEGER) rule.maximum = p.maximum;
    if (p.minLength !== undefined) rule.minLength = p.minLength;
    if (p.maxLength !== undefined) rule.maxLength = p.maxLength;
    if (p.pattern !== undefined) rule.pattern = p.pattern;
    if (p.enum !== undefined) rule.enum = p.enum;
    return rule;
  });
}
