import fc from 'fast-check';
import { MAX_BODY_BYTES } from '../../../src/lib/create-app';
import type { OpenApiDocument, Operation } from './contract';
import { hostileString, mutation, mutate, RawJson, toJsonText, validValue, type Hints } from './values';

/** Request bodies for one operation: valid, mutated, not an object, broken, mislabelled, oversized, empty, multipart. */

export interface Body {
  kind: string;
  contentType?: string;
  text: string;
  value?: unknown;
}

function encode(mediaType: string, value: unknown): string {
  if (mediaType !== 'application/x-www-form-urlencoded' || value === null || typeof value !== 'object' || Array.isArray(value)) return toJsonText(value);
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(value)) form.append(k, typeof v === 'string' ? v : v instanceof RawJson ? v.text : toJsonText(v));
  return form.toString();
}

/** A multipart body with the fields as parts, the last one as an uploaded file. */
function multipart(value: unknown): string {
  const fields = value !== null && typeof value === 'object' ? Object.entries(value) : [['value', value]];
  const parts = fields.map(([k, v], i) => {
    const file = i === fields.length - 1 ? '; filename="a.txt"\r\nContent-Type: text/plain' : '';
    return `--fuzz\r\nContent-Disposition: form-data; name="${k}"${file}\r\n\r\n${typeof v === 'string' ? v : toJsonText(v)}\r\n`;
  });
  return `${parts.join('')}--fuzz--\r\n`;
}

const BROKEN_FORMS = ['username=a&username=b&password=x&grant_type=password', 'username[]=a&password=b', '%zz=1', 'username=%&password=%', 'a=1&&&b', '=&=', 'grant_type=password&username=%00&password=%ED%A0%80'];

const BROKEN_JSON = [
  '{', '{"a":', '{"a":1,}', "{'a':1}", '{"a":1}}', 'NaN', '\u0000', ' ', '\ufeff{}', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"a":"\\x00"}',
  '{"__proto__":{"role":"admin"}}', '{"a":1,"a":"b"}', '[', `{"a":"${'x'.repeat(1000)}`, '{"a":1}\u0000', '{a:1}', '"\\', '\ud800',
];
const NOT_OBJECTS = ['null', '[]', '1', '-1', '"x"', 'true', '[{}]', '{}', '""'];
const WRONG_CONTENT_TYPES = [
  'text/plain', 'application/xml', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'APPLICATION/JSON',
  'application/vnd.api+json', 'application/x-www-form-urlencoded', '*/*', 'a/b;;;=', 'application/json, text/plain', 'application/jsonp', '',
];

export function bodyArbitrary(doc: OpenApiDocument, hints: Hints, op: Operation): fc.Arbitrary<Body | undefined> {
  if (op.method === 'GET') return fc.constant(undefined);
  const content = op.requestBody?.content;
  if (!content) {
    // A body where none is expected must be ignored or refused, never a 500.
    return fc.option(fc.oneof(fc.constantFrom(...BROKEN_JSON, ...NOT_OBJECTS), hostileString).map((text) => ({ kind: 'unexpected-body', contentType: 'application/json', text })), { freq: 3 });
  }
  const mediaTypes = Object.keys(content);
  const schema = content['application/json']?.schema ?? Object.values(content)[0]!.schema ?? {};
  const valid = validValue(doc, hints, schema);
  const mediaType = fc.constantFrom(...mediaTypes);
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(valid, mediaType).map(([value, ct]) => ({ kind: 'valid', contentType: ct, text: encode(ct, value), value })) },
    {
      weight: 6,
      arbitrary: fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 }), mediaType).map(([value, mutations, ct]) => {
        const mutated = mutate(value, mutations);
        return { kind: 'mutated', contentType: ct, text: encode(ct, mutated), value: mutated };
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom(...NOT_OBJECTS).map((text) => ({ kind: 'not-an-object', contentType: 'application/json', text })) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom(...BROKEN_JSON),
        fc.tuple(valid, fc.nat()).map(([value, cut]) => {
          const text = toJsonText(value);
          return text.slice(0, cut % text.length);
        }),
      ).map((text) => ({ kind: 'broken-json', contentType: 'application/json', text })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.constantFrom(...WRONG_CONTENT_TYPES)).map(([value, ct]) => ({ kind: 'content-type', contentType: ct || undefined, text: toJsonText(value), value })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, mediaType).map(([value, ct]) => {
        const padded = { ...(value as object), padding: 'x'.repeat(MAX_BODY_BYTES + 1) };
        return { kind: 'oversized', contentType: ct, text: encode(ct, padded) };
      }),
    },
    { weight: 1, arbitrary: mediaType.map((ct) => ({ kind: 'empty-body', contentType: ct, text: '' })) },
    { weight: 1, arbitrary: valid.map((value) => ({ kind: 'multipart', contentType: 'multipart/form-data; boundary=fuzz', text: multipart(value), value })) },
    {
      weight: mediaTypes.includes('application/x-www-form-urlencoded') ? 1 : 0,
      arbitrary: fc.constantFrom(...BROKEN_FORMS).map((text) => ({ kind: 'broken-form', contentType: 'application/x-www-form-urlencoded', text })),
    },
  );
}
