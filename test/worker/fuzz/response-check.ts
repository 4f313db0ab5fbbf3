import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { operationName, type JsonSchema, type OpenApiDocument, type Operation } from './contract';

/**
 * Checks answers against the document with Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1), a
 * validator that shares nothing with the zod schemas the document was generated from.
 *
 * Objects are checked closed: a documented object with a field the document does not name fails
 * (a leaked column is a contract break too). Members of an `allOf` stay open and the `allOf` itself
 * is closed, so EarnedBadge = Badge + awarded_at still passes.
 */

const REF = '#/components/schemas/';
const OPEN = '__open';

function closed(schema: JsonSchema, open = false): JsonSchema {
  if (schema.$ref) return { $ref: `#/$defs/${schema.$ref.slice(REF.length)}${open ? OPEN : ''}` };
  const out: JsonSchema = { ...schema };
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, closed(v)]));
  if (schema.items) out.items = closed(schema.items);
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = closed(schema.additionalProperties);
  if (schema.oneOf) out.oneOf = schema.oneOf.map((s) => closed(s));
  if (schema.anyOf) out.anyOf = schema.anyOf.map((s) => closed(s));
  if (schema.allOf) out.allOf = schema.allOf.map((s) => closed(s, true));
  const isObject = schema.properties !== undefined || schema.allOf !== undefined;
  if (isObject && !open && schema.additionalProperties === undefined) {
    out.type ??= 'object';
    out.unevaluatedProperties = false;
  }
  return out;
}

export interface ResponseChecker {
  /** undefined when the answer keeps the operation's contract: a documented 4xx in the error shape, a documented bodiless 304, or a documented 2xx matching its schema. */
  answer(op: Operation, status: number, contentType: string | null, text: string): string | undefined;
  /** undefined when a 4xx body is in the error shape. */
  errorShape(status: number, contentType: string | null, text: string): string | undefined;
}

export function responseChecker(doc: OpenApiDocument): ResponseChecker {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addVocabulary(['example']);
  const $defs: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    $defs[name] = closed(schema);
    $defs[`${name}${OPEN}`] = closed(schema, true);
  }
  const compiled = new Map<JsonSchema, ValidateFunction>();
  const validatorFor = (schema: JsonSchema) => {
    let validate = compiled.get(schema);
    if (!validate) compiled.set(schema, (validate = ajv.compile({ ...closed(schema), $defs })));
    return validate;
  };
  const errorSchema: JsonSchema | undefined = doc.components.schemas.Error;
  if (!errorSchema) throw new Error('the document has no Error schema');
  const errorBody: JsonSchema = errorSchema;

  function validJson(schema: JsonSchema, text: string): string | undefined {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return `body is not JSON: ${text.slice(0, 200)}`;
    }
    const validate = validatorFor(schema);
    if (validate(body)) return undefined;
    return `body does not match the schema: ${ajv.errorsText(validate.errors)}; body ${text.slice(0, 500)}`;
  }

  const mediaTypeOf = (contentType: string | null) => contentType?.split(';')[0]?.trim().toLowerCase() ?? null;

  function errorShape(status: number, contentType: string | null, text: string) {
    if (status < 400 || status >= 500) return `status ${status} is not a 4xx`;
    if (mediaTypeOf(contentType) !== 'application/json') return `a ${status} answered ${contentType}, not the JSON error shape`;
    return validJson(errorBody, text);
  }

  function answer(op: Operation, status: number, contentType: string | null, text: string) {
    const notModified = status === 304;
    if ((status < 200 || status >= 300) && (status < 400 || status >= 500) && !notModified) return `status ${status} is neither a 2xx, a 304 nor a 4xx`;
    const documented = op.responses[String(status)];
    if (!documented) return `${operationName(op)} does not document ${status}`;
    if (status >= 400) return errorShape(status, contentType, text);
    if (notModified) return text === '' ? undefined : `a 304 has a body: ${text.slice(0, 200)}`;
    const mediaType = mediaTypeOf(contentType);
    if (!documented.content) return text === '' ? undefined : `a documented empty ${status} has a body: ${text.slice(0, 200)}`;
    const media = mediaType ? documented.content[mediaType] : undefined;
    if (!media) return `${status} answered ${contentType}; the document says ${Object.keys(documented.content).join(', ')}`;
    if (mediaType !== 'application/json') return media.schema?.type === 'string' || !media.schema ? undefined : `cannot check ${mediaType}`;
    return media.schema ? validJson(media.schema, text) : undefined;
  }

  return { answer, errorShape };
}
