/**
 * A small validator for the subset of JSON Schema (draft 2020-12) that docs/report.schema.json uses,
 * so the schema test needs no validator dependency. It refuses any keyword it does not implement,
 * so a schema edit can never be silently ignored. `strict` additionally treats every object schema
 * without `additionalProperties` as closed: the published schema lets consumers ignore fields added
 * in later minor versions, while the test insists that everything claimcheck writes is documented.
 */

type Schema = boolean | { [keyword: string]: unknown };

const KNOWN_KEYWORDS = new Set([
  '$schema',
  '$id',
  '$defs',
  '$ref',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'pattern',
  'minimum',
  'format',
  'anyOf',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** Validates `value` against `root`; returns one message per violation, each with its JSON path. */
export function validateJsonSchema(root: Schema, value: unknown, options: { strict: boolean }): string[] {
  const resolve = (ref: string): Schema => {
    const match = /^#\/\$defs\/([A-Za-z0-9_-]+)$/.exec(ref);
    const defs = typeof root === 'object' ? (root.$defs as Record<string, Schema> | undefined) : undefined;
    const target = match?.[1] !== undefined ? defs?.[match[1]] : undefined;
    if (target === undefined) throw new Error(`unsupported or dangling $ref ${ref}`);
    return target;
  };

  const check = (schema: Schema, v: unknown, path: string, errors: string[]): void => {
    if (schema === true) return;
    if (schema === false) {
      errors.push(`${path}: no value allowed here`);
      return;
    }
    for (const keyword of Object.keys(schema)) {
      if (!KNOWN_KEYWORDS.has(keyword)) throw new Error(`schema keyword ${keyword} at ${path} is not implemented by this validator`);
    }
    if (typeof schema.$ref === 'string') check(resolve(schema.$ref), v, path, errors);
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      if (!types.some((t) => matchesType(v, t))) {
        errors.push(`${path}: expected ${types.join(' or ')}, got ${typeOf(v)}`);
        return;
      }
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === v)) errors.push(`${path}: ${JSON.stringify(v)} is not one of ${JSON.stringify(schema.enum)}`);
    if ('const' in schema && schema.const !== v) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
    if (typeof schema.pattern === 'string' && typeof v === 'string' && !new RegExp(schema.pattern, 'u').test(v)) {
      errors.push(`${path}: ${JSON.stringify(v)} does not match ${schema.pattern}`);
    }
    if (typeof schema.minimum === 'number' && typeof v === 'number' && v < schema.minimum) errors.push(`${path}: ${v} is below ${schema.minimum}`);
    if (schema.format === 'date-time' && typeof v === 'string' && Number.isNaN(Date.parse(v))) errors.push(`${path}: ${JSON.stringify(v)} is not a date-time`);
    if (Array.isArray(schema.anyOf)) {
      const branches = (schema.anyOf as Schema[]).map((branch) => {
        const branchErrors: string[] = [];
        check(branch, v, path, branchErrors);
        return branchErrors;
      });
      if (!branches.some((b) => b.length === 0)) errors.push(`${path}: matches no alternative (${branches.map((b) => b[0] ?? '').join(' / ')})`);
    }
    if (typeOf(v) === 'array' && schema.items !== undefined) {
      (v as unknown[]).forEach((item, i) => check(schema.items as Schema, item, `${path}[${i}]`, errors));
    }
    if (typeOf(v) === 'object' && (schema.properties !== undefined || schema.additionalProperties !== undefined || schema.required !== undefined)) {
      const object = v as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const name of (schema.required ?? []) as string[]) if (!(name in object)) errors.push(`${path}: missing required property ${name}`);
      for (const [name, item] of Object.entries(object)) {
        const propertySchema = properties[name];
        if (propertySchema !== undefined) check(propertySchema, item, `${path}.${name}`, errors);
        else if (schema.additionalProperties !== undefined) check(schema.additionalProperties as Schema, item, `${path}.${name}`, errors);
        else if (options.strict) errors.push(`${path}.${name}: property not documented in the schema`);
      }
    }
  };
  const errors: string[] = [];
  check(root, value, '$', errors);
  return errors;
}
