import fc from 'fast-check';
import { resolve, type OpenApiDocument, type Operation, type Parameter } from './contract';
import { bodyArbitrary } from './bodies';
import { hostileString, stringsIn, validValue, type Hints } from './values';

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

/** Headers every route reads or may read: conditional GETs, CORS origins, content negotiation. */
const commonHeaders = fc.record(
  {
    'If-None-Match': fc.constantFrom('*', ' * ', '"x"', 'W/"x"', '"', 'W/', '"a", "b"', '*, "x"', ''),
    Origin: fc.constantFrom('http://localhost:5173', 'null', 'https://evil.example', 'http://localhost:5173.evil.example', '*', ''),
    Accept: fc.constantFrom('text/html', 'application/xml', '*/*', 'application/json;q=0'),
  },
  { requiredKeys: [] },
);

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
  const common = fc.option(commonHeaders, { nil: {}, freq: 3 });
  return fc.record({ segments, query, headers, common, body: bodyArbitrary(doc, hints, op), auth: inputs.auth, ip: clientIp }).map((r) => {
    const path = pathParams.reduce((p, param, i) => p.replace(`{${param.name}}`, r.segments[i]!), op.path);
    const sent: Record<string, string> = { ...r.common, ...r.headers, 'CF-Connecting-IP': r.ip };
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
