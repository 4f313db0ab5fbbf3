import fc from 'fast-check';
import { resolve, type JsonSchema, type OpenApiDocument } from './contract';

/** Strings that have broken servers before: NUL and lone surrogates, injections, odd Unicode, number look-alikes. */
const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'a\ud800b', '\udc00', '\udfff\ud800',
  "' OR '1'='1' --", "'; DROP TABLE users; --", "1; SELECT pg_sleep(5)", '" OR ""="', '\\', '%', '_', '%_%', "\\'", '$1', '::text',
  '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '__proto__', 'constructor', 'toString', '../../etc/passwd', '%00', '%2e%2e%2f',
  'null', 'undefined', 'true', 'NaN', 'Infinity', '-Infinity', '1e309', '-1', '-0', '0x1F', '1.5', '9007199254740993', '١٢٣',
  '\u202eevil', '\u200b', 'İ', 'ß', '😀', 'e\u0301', '\r\n', '\t', '\u2028', '\ufeff', '\uffff', 'a'.repeat(300),
];

/** A value JSON has no token for: written into the body text as is (NaN, 1e999, deep nesting, …). */
export class RawJson {
  constructor(readonly text: string) {}
}

// No number here (nor in wrongType) is a small count in range: put into a badge condition it must not make
// the condition reachable, or the badge would be backfilled to other files' players (1.0e2 XP would be).
const RAW_NUMBERS = ['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '-0', '1.00e7', '01', '.5', '+1', '0x10', '1_000'];

/** Nesting past what recursive code, zod and Postgres' jsonb like: 10,000 levels of arrays or objects. */
const deep = fc.constantFrom(
  new RawJson(`${'['.repeat(10_000)}${']'.repeat(10_000)}`),
  new RawJson(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`),
);

const wrongType = fc.constantFrom<unknown>(null, true, false, 0, -1, 0.5, -0, 2 ** 31, 2 ** 53 + 1, 1e21, 1e308, 10_000_001, [], {}, [1, 'a'], { a: { b: [null] } });

export const hostileString = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.integer({ min: 257, max: 70_000 }).map((n) => 'x'.repeat(n)), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 20_000 }).map((n) => '😀'.repeat(n)), weight: 1 },
);

/** What a mutation puts in place of a field: a value of another type, a hostile string, a raw number, a deep tree. */
export const wrongValue = fc.oneof(
  { arbitrary: wrongType, weight: 3 },
  { arbitrary: hostileString, weight: 3 },
  { arbitrary: fc.constantFrom(...RAW_NUMBERS).map((t) => new RawJson(t)), weight: 1 },
  { arbitrary: deep, weight: 1 },
);

/** Per property name, a generator for what the schema cannot say (an IANA zone, an existing id, …). */
export type Hints = Record<string, (fromSchema: fc.Arbitrary<unknown>) => fc.Arbitrary<unknown>>;

const email = fc.stringMatching(/^[a-z0-9]{1,16}$/).map((local) => `${local}@fuzz.example.test`);

function stringValue(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 40;
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'email') return email;
  const fromPattern = s.pattern ? fc.stringMatching(new RegExp(s.pattern)) : fc.string({ unit: 'grapheme', maxLength: Math.min(max, 40) });
  // The boundary itself, now and then: exactly maxLength characters.
  const atLimit = fc.constant('x'.repeat(Math.max(min, Math.min(max, 70_000))));
  return fc.oneof({ arbitrary: fromPattern.filter((v) => v.length >= min && v.length <= max), weight: 5 }, { arbitrary: atLimit, weight: 1 });
}

/** A value the schema accepts (as far as a schema can say), with hints for what it cannot. */
export function validValue(doc: OpenApiDocument, hints: Hints, schema: JsonSchema, name?: string, depth = 0): fc.Arbitrary<unknown> {
  const hint = name === undefined ? undefined : hints[name];
  // Built only when used: a hint may stand in for a recursive schema (BadgeCondition's all/any).
  let built: fc.Arbitrary<unknown> | undefined;
  const fromSchema = () => (built ??= schemaValue(doc, hints, resolve(doc, schema), depth + 1));
  return hint ? hint(fc.constant(null).chain(fromSchema)) : fromSchema();
}

function schemaValue(doc: OpenApiDocument, hints: Hints, s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.jsonValue({ maxDepth: 1 });
  const next = (schema: JsonSchema, name?: string) => validValue(doc, hints, schema, name, depth);
  if (s.enum) return fc.constantFrom(...s.enum);
  const members = s.oneOf ?? s.anyOf;
  if (members) return fc.oneof(...members.map((m) => next(m)));
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => schemaValue(doc, hints, { ...s, type }, depth)));
  switch (s.type) {
    case 'string':
      return stringValue(s);
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1_000, max: s.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1_000, max: s.maximum ?? 100_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(next(s.items ?? {}), { maxLength: Math.min(s.maxItems ?? 5, 5) });
    case 'object':
      if (!s.properties) return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
      return fc.record(Object.fromEntries(Object.entries(s.properties).map(([key, value]) => [key, next(value, key)])), { requiredKeys: s.required ?? [] });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Paths (lists of keys) to every node under a JSON value, the root excluded. */
export function pathsIn(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object' || value instanceof RawJson) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsIn(child, path)];
  });
}

export type Mutation =
  | { kind: 'drop'; at: number }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'extra'; at: number; key: string; value: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: wrongValue }),
  fc.record({
    kind: fc.constant('extra' as const),
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'role', 'user_id', 'total_xp', 'password_hash', ''), hostileString),
    value: fc.oneof(wrongValue, fc.constant({ role: 'admin', isAdmin: true })),
  }),
);

/** A deep copy that keeps RawJson values (immutable) as they are. */
function cloneJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof RawJson) return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    Object.defineProperty(copy, key, { value: cloneJson(child), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** Applies mutations to a deep copy of a JSON object; `at` picks a node (mod the number of nodes). */
export function mutate(value: unknown, mutations: Mutation[]): unknown {
  const root = { value: cloneJson(value) };
  for (const m of mutations) {
    const paths = pathsIn(root);
    const path = paths[m.at % paths.length]!;
    const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, root);
    const key = path.at(-1)!;
    if (m.kind === 'drop' && path.length > 1) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (m.kind === 'replace') {
      parent[key] = cloneJson(m.value);
    } else if (m.kind === 'extra') {
      const target = parent[key];
      const into = target !== null && typeof target === 'object' && !(target instanceof RawJson) ? target : parent;
      if (Array.isArray(into)) into.push(cloneJson(m.value));
      // defineProperty: a plain assignment to "__proto__" would set the prototype, not send the key.
      else Object.defineProperty(into, m.key, { value: cloneJson(m.value), enumerable: true, writable: true, configurable: true });
    }
  }
  return root.value;
}

/** JSON text with RawJson values written in verbatim. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof RawJson ? `@@raw${raws.push(v.text) - 1}@@` : v)) ?? '';
  return text.replace(/"@@raw(\d+)@@"/g, (_, i: string) => raws[Number(i)]!);
}

/** Every string in a value, keys included: what a refused request might have written under a name. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object' || value instanceof RawJson) return [];
  return Object.entries(value).flatMap(([key, child]) => [key, ...stringsIn(child)]);
}
