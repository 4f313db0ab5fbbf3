import fc from 'fast-check';
import { resolve, type OpenApiDocument, type Operation, type Parameter } from './contract';
import { hostileString, mutation, mutate, RawJson, stringsIn, toJsonText, validValue, type Hints } from './values';

/** One generated request: what to send, which generator made it, and the strings it carries. */
export interface FuzzRequest {
  method: string;
  /** Path and query, already encoded. */
  target: string;
  headers: Record<string, string>;
  body?: string;
  kind: string;
  names: string[];
}

export interface IdPool {
  right: string[];
  all: string[];
}

export interface RequestInputs {
  doc: OpenApiDocument;
  hints: Hints;
  /** Ids of real rows: per path (the kind its parameter names), and of every kind. */
  ids: (path: string) => IdPool;
  /** Authorization header values by name; `none` sends none. */
  auth: fc.Arbitrary<{ name: string; header?: string }>;
}

export const MAX_BODY_BYTES = 128 * 1024;

/** encodeURIComponent, except that a lone surrogate becomes its (invalid) UTF-8 bytes instead of throwing. */
export function encodePart(value: string): string {
  return [...value]
    .map((ch) => {
      const unit = ch.charCodeAt(0);
      if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
        return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      }
      return encodeURIComponent(ch);
    })
    .join('');
}

// Segments the URL parser resolves away ('.', '..', '%2e%2e') would aim the request at another route.
const isDotSegment = (segment: string) => /^(\.|%2e){0,2}$/i.test(segment);

const BAD_UUIDS = [
  'not-a-uuid', '{6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b}', '6ec0bd7f11c043da975e2a8ad9ebae0b', '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0',
  '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0bb', 'urn:uuid:6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b', '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0g',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '0', '-1', '1e3', 'me', 'null',
];
const RAW_SEGMENTS = ['%', '%zz', '%00', '%ff%fe', '%c0%af', '%E2%80%AE', '%ED%A0%80', '%u0041'];

function pathSegment(ids: IdPool): fc.Arbitrary<string> {
  const bad = fc.oneof(
    fc.constantFrom(...BAD_UUIDS),
    fc.uuid().map((u) => u.toUpperCase()),
    fc.uuid().map((u) => `${u}\u0000`),
    fc.uuid().map((u) => `${u}' OR '1'='1`),
    hostileString.map((s) => s.slice(0, 4096)),
  );
  return fc
    .oneof(
      { arbitrary: fc.constantFrom(...ids.right), weight: 4 },
      { arbitrary: fc.constantFrom(...ids.all), weight: 3 },
      { arbitrary: fc.uuid().map(encodePart), weight: 2 },
      { arbitrary: bad.map(encodePart), weight: 3 },
      { arbitrary: fc.constantFrom(...RAW_SEGMENTS), weight: 1 },
    )
    .filter((segment) => !isDotSegment(segment));
}

function paramValue(doc: OpenApiDocument, hints: Hints, param: Parameter): fc.Arbitrary<string> {
  const schema = resolve(doc, param.schema);
  const edges = [schema.minimum, schema.maximum].filter((n): n is number => n !== undefined).flatMap((n) => [n - 1, n + 1]);
  const invalid = fc.oneof(
    hostileString.map((s) => s.slice(0, 4096)),
    fc.constantFrom('NaN', 'Infinity', '-Infinity', '-1', '1.5', '1e3', '-0', '0x10', '99999999999999999999', '', 'true', 'yes', ...edges.map(String)),
  );
  const valid = validValue(doc, hints, schema, param.name).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: invalid, weight: 2 });
}

const RAW_QUERIES = ['limit=%', 'limit=%zz', '&&&', '=', 'limit', 'window[]=all', 'limit[a]=1', 'limit=1&limit=2', 'cursor=%00'];

function queryString(doc: OpenApiDocument, hints: Hints, params: Parameter[]): fc.Arbitrary<{ text: string; names: string[] }> {
  const fields = params.map((p) => fc.option(paramValue(doc, hints, p), { nil: undefined, freq: 2 }).map((v) => [p.name, v] as const));
  const extra = fc.array(fc.tuple(hostileString.map((s) => s.slice(0, 256)), hostileString.map((s) => s.slice(0, 256))), { maxLength: 2 });
  const raw = fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERIES) });
  return fc.tuple(fc.tuple(...fields), extra, raw).map(([known, extras, rawPart]) => {
    const pairs = [...known.filter((kv): kv is readonly [string, string] => kv[1] !== undefined), ...extras];
    const parts = pairs.map(([k, v]) => `${encodePart(k)}=${encodePart(v)}`);
    if (rawPart) parts.push(rawPart);
    return { text: parts.length ? `?${parts.join('&')}` : '', names: pairs.map(([, v]) => v) };
  });
}

/** Header values the Fetch API accepts (printable ASCII): others throw before the request is made. */
const headerSafe = (s: string) => /^[\x20-\x7e]*$/.test(s);

function headerParams(doc: OpenApiDocument, hints: Hints, params: Parameter[]): fc.Arbitrary<Record<string, string>> {
  const fields = params.map((p) =>
    fc.option(fc.oneof(paramValue(doc, hints, p), fc.constant('websocket')).filter(headerSafe), { nil: undefined }).map((v) => [p.name, v] as const),
  );
  return fc.tuple(...fields).map((pairs) => Object.fromEntries(pairs.filter(([, v]) => v !== undefined)) as Record<string, string>);
}

interface Body {
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

function bodyArbitrary(doc: OpenApiDocument, hints: Hints, op: Operation): fc.Arbitrary<Body | undefined> {
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

const clientIp = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `10.${a}.${b}.${c}`) },
  { weight: 1, arbitrary: fc.constantFrom('::1', 'fuzz-not-an-ip', '10.0.0.1, 10.0.0.2', ' ') },
);

/** Every request the fuzzer sends to one operation. */
export function requestArbitrary(op: Operation, inputs: RequestInputs): fc.Arbitrary<FuzzRequest> {
  const { doc, hints } = inputs;
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const segments = fc.tuple(...pathParams.map(() => pathSegment(inputs.ids(op.path))));
  const query = queryString(doc, hints, op.parameters.filter((p) => p.in === 'query'));
  const headers = headerParams(doc, hints, op.parameters.filter((p) => p.in === 'header'));
  return fc.record({ segments, query, headers, body: bodyArbitrary(doc, hints, op), auth: inputs.auth, ip: clientIp }).map((r) => {
    const path = pathParams.reduce((p, param, i) => p.replace(`{${param.name}}`, r.segments[i]!), op.path);
    const sent: Record<string, string> = { ...r.headers, 'CF-Connecting-IP': r.ip };
    if (r.auth.header !== undefined) sent.Authorization = r.auth.header;
    if (r.body?.contentType !== undefined) sent['Content-Type'] = r.body.contentType;
    const decoded = r.segments.map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
    return {
      method: op.method,
      target: `${path}${r.query.text}`,
      headers: sent,
      body: r.body?.text,
      kind: `${r.body?.kind ?? 'no-body'} as ${r.auth.name}`,
      names: [...decoded, ...r.query.names, ...stringsIn(r.body?.value)],
    };
  });
}
