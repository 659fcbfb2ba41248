/**
 * Invalid requests generated from the route table: each route's own zod schemas
 * (body, querystring, params, headers) are turned into JSON Schema, a valid base
 * request is built from them, and fast-check mutates one thing at a time — a
 * missing field, an unknown field, a wrong type, an out-of-range or fractional
 * number, an over-long or hostile string, a malformed id, a bad idempotency key —
 * or breaks the envelope (malformed JSON, wrong content type, oversized body,
 * garbage bearer token). A case counts as invalid only when the route's schemas
 * refuse it (or the envelope is broken), so "invalid" never depends on guesswork.
 */
import fc from 'fast-check';
import { z } from 'zod';
import type { RouteInfo } from '../../src/http/access';

export type Location = 'body' | 'querystring' | 'params' | 'headers';
const LOCATIONS: Location[] = ['body', 'querystring', 'params', 'headers'];

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

/** What the server's idempotency helper accepts (use-cases/idempotent.ts). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export interface RouteModel {
  route: RouteInfo;
  name: string;
  zod: Partial<Record<Location, z.ZodType>>;
  json: Partial<Record<Location, JsonSchema>>;
  paramNames: string[];
  /** Takes an Idempotency-Key, by header schema or by the documented summary. */
  needsIdempotencyKey: boolean;
  base: { params: Record<string, string>; query: Record<string, string>; body: unknown };
}

export interface RouteCase {
  kind: string;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** A JSON value sent as application/json; undefined sends no body. */
  body?: unknown;
  /** Raw text instead of `body` (malformed JSON, oversized), with its content type. */
  raw?: { text: string; contentType: string };
  /** Replaces the caller's Authorization header. */
  authorization?: string;
}

export function routeName(r: { method: string; url: string }) {
  return `${r.method} ${r.url}`;
}

function isZod(x: unknown): x is z.ZodType {
  return typeof x === 'object' && x !== null && 'safeParse' in x;
}

export function modelRoute(route: RouteInfo): RouteModel {
  const zod: RouteModel['zod'] = {};
  const json: RouteModel['json'] = {};
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  for (const loc of LOCATIONS) {
    const s = schema[loc];
    if (!isZod(s)) continue;
    zod[loc] = s;
    json[loc] = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  }
  const paramNames = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const summary = typeof schema.summary === 'string' ? schema.summary : '';
  const needsIdempotencyKey =
    !!json.headers?.properties?.['idempotency-key'] || /Idempotency-Key/i.test(summary);
  const params: Record<string, string> = {};
  for (const p of paramNames) {
    const s = json.params?.properties?.[p];
    params[p] = s ? String(validSample(s)) : '1';
  }
  const query: Record<string, string> = {};
  const qs = json.querystring;
  for (const k of qs?.required ?? []) query[k] = String(validSample(qs!.properties![k]!));
  return {
    route,
    name: routeName(route),
    zod,
    json,
    paramNames,
    needsIdempotencyKey,
    base: { params, query, body: json.body ? validSample(json.body) : undefined },
  };
}

// ---- valid values from a JSON Schema (the base that mutations start from)

function firstOption(s: JsonSchema): JsonSchema | undefined {
  const opts = s.anyOf ?? s.oneOf;
  return opts?.find((o) => o.type !== 'null') ?? opts?.[0];
}

export function validSample(s: JsonSchema, seed = 1): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const opt = firstOption(s);
  if (opt) return validSample(opt, seed);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const k of s.required ?? []) o[k] = validSample(s.properties![k]!, seed);
      return o;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => validSample(s.items ?? {}, seed));
    case 'integer':
    case 'number': {
      let v =
        s.minimum ?? (s.exclusiveMinimum !== undefined ? Math.floor(s.exclusiveMinimum) + 1 : 1);
      if (s.maximum !== undefined) v = Math.min(v, s.maximum);
      return v;
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      return validString(s, seed);
    default:
      return 'x';
  }
}

function validString(s: JsonSchema, seed: number): string {
  if (s.format === 'date-time') return '2026-12-01T00:00:00Z';
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 64;
  if (s.pattern) {
    const candidates = fc.sample(fc.stringMatching(new RegExp(s.pattern), { size: 'xsmall' }), {
      seed,
      numRuns: 50,
    });
    const ok = candidates.find((c) => c.length >= Math.max(min, 1) && c.length <= max);
    if (ok !== undefined) return ok;
  }
  return 'a'.repeat(Math.max(min, 1));
}

// ---- hostile values

export const SQL_INJECTIONS = [
  "'; DROP TABLE members; --",
  "' OR '1'='1",
  "' OR 1=1 --",
  '" OR ""="',
  "1'; UPDATE accounts SET balance = 999999999; --",
  "' UNION SELECT password_hash FROM operators --",
  '1; SELECT pg_sleep(5)',
  "%' OR 'x' LIKE '%",
  "\\'; TRUNCATE postings; --",
  '$$; DROP TABLE journal_entries; $$',
  "admin'--",
  "') OR ('a'='a",
];

const ODD_STRINGS = [
  '',
  ' ',
  '   ',
  '\u0000',
  'a\u0000b',
  '\n\r\t',
  '😀'.repeat(8),
  'Ω≈ç√∫˜µ≤≥÷',
  '\u202e\u202d',
  '中文测试中文测试',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '%00',
  '%',
  '_',
  '\\',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  '[]',
  '{}',
  '__proto__',
  'constructor',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SQL_INJECTIONS),
  fc.constantFrom(...ODD_STRINGS),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** What an HTTP client can put in a header: printable ASCII. */
const headerSafe = (s: string) => /^[\x20-\x7e]*$/.test(s);

const wrongTypes = (except: string): fc.Arbitrary<unknown> => {
  const all: [string, fc.Arbitrary<unknown>][] = [
    ['string', fc.oneof(hostileString, fc.string({ maxLength: 10 }))],
    ['number', fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))],
    ['integer', fc.integer()],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 3 })],
    ['object', fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 })],
  ];
  return fc.oneof(
    ...all
      .filter(([t]) => t !== except && !(except === 'number' && t === 'integer'))
      .map((x) => x[1]),
  );
};

/** Values that a JSON body field of this schema must refuse (mostly; zod has the last word). */
function invalidJsonValue(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.const !== undefined || s.enum) {
    const allowed = s.enum ?? [s.const];
    return fc.oneof(
      hostileString.filter((x) => !allowed.includes(x)),
      fc.constantFrom(...allowed.map((a) => (typeof a === 'string' ? a.toUpperCase() + ' ' : 0))),
      wrongTypes('string'),
    );
  }
  const opt = firstOption(s);
  if (opt) return invalidJsonValue(opt);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? (s.exclusiveMinimum ?? -Number.MAX_SAFE_INTEGER) + 0;
      const hi = s.maximum ?? Number.MAX_SAFE_INTEGER;
      const edges = [lo - 1, hi + 1, -1, -100, lo + 0.5, 0.1, -0.01, 1e308, -1e308, 2 ** 53 + 2];
      return fc.oneof(
        fc.constantFrom(...edges),
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
        fc.integer({ min: -(2 ** 31), max: -1 }),
        String(validSample(s)) === '' ? fc.constant('1') : fc.constant(String(validSample(s))),
        wrongTypes(type),
      );
    }
    case 'string': {
      const arbs: fc.Arbitrary<unknown>[] = [hostileString, wrongTypes('string')];
      if (s.maxLength !== undefined)
        arbs.push(
          fc
            .integer({ min: s.maxLength + 1, max: s.maxLength + 200 })
            .map((n) => "'".repeat(n % 3) + 'x'.repeat(n - (n % 3))),
          fc.constant('长'.repeat(s.maxLength + 1)),
        );
      else arbs.push(fc.constant('x'.repeat(20_000)));
      if ((s.minLength ?? 0) >= 1) arbs.push(fc.constantFrom('', '  '));
      return fc.oneof(...arbs);
    }
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 'false', 1, 0, 'yes'), wrongTypes('boolean'));
    case 'array': {
      const arbs: fc.Arbitrary<unknown>[] = [wrongTypes('array')];
      if (s.items) arbs.push(invalidJsonValue(s.items).map((x) => [x]));
      if (s.maxItems !== undefined && s.items) {
        const item = validSample(s.items);
        arbs.push(fc.constant(Array.from({ length: s.maxItems + 1 }, () => item)));
      }
      return fc.oneof(...arbs);
    }
    case 'object':
      return fc.oneof(
        wrongTypes('object'),
        s.additionalProperties === false
          ? fc.constant({ ...(validSample(s) as object), isAdmin: true })
          : fc.constant([]),
      );
    default:
      return wrongTypes('none');
  }
}

/** Values a query string or path parameter of this schema must refuse: they are all text. */
function invalidTextValue(s: JsonSchema): fc.Arbitrary<string> {
  const opt = firstOption(s);
  if (opt) return invalidTextValue(opt);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  const numeric = [
    'abc',
    '1.5',
    '-1',
    '0',
    '',
    '1e400',
    '0x1F',
    '9007199254740993',
    '99999999999999999999999',
    'NaN',
    'Infinity',
    '1,2',
    '١٢٣',
    '1 OR 1=1',
    '1; DROP TABLE members',
  ];
  if (type === 'integer' || type === 'number')
    return fc.oneof(fc.constantFrom(...numeric), hostileString);
  const arbs: fc.Arbitrary<string>[] = [hostileString];
  if (s.maxLength !== undefined)
    arbs.push(
      fc.integer({ min: s.maxLength + 1, max: s.maxLength + 100 }).map((n) => 'q'.repeat(n)),
    );
  if (s.pattern)
    arbs.push(fc.constantFrom('a', 'A'.repeat(300), 'abc-DEF_ghi!', '1' + '0'.repeat(40)));
  return fc.oneof(...arbs);
}

// ---- cases

function baseCase(m: RouteModel, kind: string): RouteCase {
  return {
    kind,
    params: { ...m.base.params },
    query: { ...m.base.query },
    headers: m.needsIdempotencyKey ? { 'idempotency-key': 'fuzz-key-00000001' } : {},
    body: structuredClone(m.base.body),
  };
}

export function setPath(root: unknown, path: string[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy: Record<string, unknown> =
    typeof root === 'object' && root !== null && !Array.isArray(root)
      ? { ...(root as Record<string, unknown>) }
      : {};
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    if (remove) delete copy[head];
    else copy[head] = value;
  } else copy[head] = setPath(copy[head], rest, value, remove);
  return copy;
}

export interface Slot {
  path: string[];
  schema: JsonSchema;
  isRequired: boolean;
  parent: JsonSchema;
}

/** Every object property of a body schema, nested objects included (not inside arrays). */
export function slotsOf(s: JsonSchema, path: string[] = []): Slot[] {
  const out: Slot[] = [];
  const obj = s.type === 'object' ? s : firstOption(s)?.type === 'object' ? firstOption(s)! : null;
  if (!obj?.properties) return out;
  for (const [k, child] of Object.entries(obj.properties)) {
    const p = [...path, k];
    out.push({ path: p, schema: child, isRequired: !!obj.required?.includes(k), parent: obj });
    if (path.length < 3) out.push(...slotsOf(child, p));
  }
  return out;
}

const unknownKey = fc.oneof(
  fc.constantFrom('isAdmin', 'role', 'balance', 'memberId', '__proto__', 'constructor', 'id'),
  fc.string({ minLength: 1, maxLength: 12 }),
);

export function caseArbitrary(m: RouteModel): fc.Arbitrary<RouteCase> {
  const arbs: { weight: number; arbitrary: fc.Arbitrary<RouteCase> }[] = [];
  const add = (weight: number, arbitrary: fc.Arbitrary<RouteCase>) =>
    arbs.push({ weight, arbitrary });

  // body fields
  const body = m.json.body;
  if (body) {
    const slots = slotsOf(body);
    for (const slot of slots) {
      const name = slot.path.join('.');
      add(
        4,
        invalidJsonValue(slot.schema).map((v) => {
          const c = baseCase(m, `body.${name}: invalid value`);
          c.body = setPath(c.body, slot.path, v);
          return c;
        }),
      );
      if (slot.isRequired)
        add(
          1,
          fc.constant(null).map(() => {
            const c = baseCase(m, `body.${name}: missing`);
            c.body = setPath(c.body, slot.path, undefined, true);
            return c;
          }),
        );
    }
    add(
      2,
      fc.tuple(unknownKey, fc.oneof(fc.boolean(), fc.integer(), hostileString)).map(([k, v]) => {
        const c = baseCase(m, `body: unknown field ${k}`);
        c.body = { ...(c.body as object), [k]: v };
        return c;
      }),
    );
    add(
      2,
      fc
        .oneof(wrongTypes('object'), fc.constant(undefined), fc.constant({}))
        .map((v) => ({ ...baseCase(m, 'body: not the expected object'), body: v })),
    );
  }
  // query string
  const qs = m.json.querystring;
  if (qs?.properties) {
    for (const [k, s] of Object.entries(qs.properties))
      add(
        3,
        fc
          .oneof<fc.Arbitrary<string | string[]>[]>(invalidTextValue(s), fc.constant(['1', '2']))
          .map((v) => {
            const c = baseCase(m, `query.${k}: invalid value`);
            c.query[k] = v;
            return c;
          }),
      );
    if (qs.additionalProperties === false)
      add(
        2,
        fc.tuple(unknownKey, hostileString).map(([k, v]) => {
          const c = baseCase(m, `query: unknown parameter`);
          if (!(k in (qs.properties ?? {}))) c.query[k] = v;
          return c;
        }),
      );
  }
  // path parameters
  for (const p of m.paramNames) {
    const s = m.json.params?.properties?.[p];
    if (!s) continue;
    add(
      4,
      invalidTextValue(s).map((v) => {
        const c = baseCase(m, `params.${p}: malformed`);
        c.params[p] = v;
        return c;
      }),
    );
  }
  // idempotency key
  if (m.needsIdempotencyKey)
    add(
      3,
      fc
        .oneof(
          fc.string({ maxLength: 7 }),
          fc.string({ minLength: 129, maxLength: 200 }),
          fc.constantFrom(...SQL_INJECTIONS, 'has space in it', 'key/with/slash', 'ключ-ключ'),
          fc.constant(undefined),
        )
        .filter((k) => k === undefined || k === k.trim())
        .map((k) => {
          const c = baseCase(m, 'header idempotency-key: bad');
          if (k === undefined) delete c.headers['idempotency-key'];
          else c.headers['idempotency-key'] = k;
          return c;
        }),
    );
  // the envelope: malformed JSON, wrong media type, oversized body (any route taking a body)
  if (m.route.method !== 'GET') {
    add(
      2,
      fc
        .oneof(
          fc.constantFrom('{', '{"a":', '[1,', 'nul', "{'a':1}", '{"a":1}}', '{"a":NaN}', '\u0000'),
          fc.string({ minLength: 1, maxLength: 30 }).filter((t) => !parses(t)),
        )
        .map((text) => ({
          ...baseCase(m, 'body: malformed JSON'),
          raw: { text, contentType: 'application/json' },
        })),
    );
    add(
      1,
      fc
        .constantFrom(
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
        )
        .map((contentType) => ({
          ...baseCase(m, `body: unsupported media type ${contentType}`),
          raw: { text: '<a>1</a>', contentType },
        })),
    );
    add(
      1,
      fc.integer({ min: 65 * 1024, max: 200 * 1024 }).map((n) => ({
        ...baseCase(m, 'body: oversized'),
        raw: { text: JSON.stringify({ pad: 'x'.repeat(n) }), contentType: 'application/json' },
      })),
    );
  }
  // a garbage or unknown bearer token, on every route (public ones included: a sent token is checked)
  add(
    m.json.body || qs || m.paramNames.length ? 1 : 6,
    fc
      .oneof(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{20,64}$/).map((t) => `Bearer ${t}`),
        fc.constantFrom(
          ...SQL_INJECTIONS.map((s) => `Bearer ${s}`),
          'Basic YWRtaW46YWRtaW4=',
          'bearer',
        ),
      )
      .filter((a) => headerSafe(a) && a.trim() !== '')
      .map((a) => ({ ...baseCase(m, 'header authorization: garbage'), authorization: a })),
  );
  return fc.oneof(...arbs);
}

function parses(t: string) {
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the route must refuse this case: its schemas refuse it, the envelope is
 * broken, the idempotency key is not one the server takes, or the token is garbage.
 * A case the schemas accept is valid input, and not counted as an invalid one.
 */
export function isInvalid(m: RouteModel, c: RouteCase): boolean {
  if (c.raw || c.authorization !== undefined) return true;
  // PostgreSQL text cannot hold U+0000: the edge refuses it anywhere (http/errors.ts)
  if (JSON.stringify([c.body, c.query, c.params]).includes('\\u0000')) return true;
  if (m.needsIdempotencyKey && !IDEMPOTENCY_KEY.test(c.headers['idempotency-key'] ?? ''))
    return true;
  if (m.zod.body && !m.zod.body.safeParse(jsonRoundTrip(c.body)).success) return true;
  if (m.zod.querystring && !m.zod.querystring.safeParse(c.query).success) return true;
  if (m.zod.params && !m.zod.params.safeParse(c.params).success) return true;
  if (m.zod.headers && !m.zod.headers.safeParse(c.headers).success) return true;
  // a parameter that cannot sit in a path segment of its own does not reach the route
  if (Object.values(c.params).some((v) => v === '' || v === '.' || v === '..')) return true;
  return false;
}

function jsonRoundTrip(v: unknown): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

/** `count` invalid cases for a route, deterministic for a seed; and how many valid ones were set aside. */
export function invalidCases(
  m: RouteModel,
  count: number,
  seed: number,
): { cases: RouteCase[]; setAside: number } {
  const arb = caseArbitrary(m);
  const cases: RouteCase[] = [];
  let setAside = 0;
  for (let round = 0; cases.length < count && round < 20; round++) {
    for (const c of fc.sample(arb, { seed: seed + round * 7919, numRuns: count * 2 })) {
      if (cases.length >= count) break;
      if (isInvalid(m, c)) cases.push(c);
      else setAside++;
    }
  }
  return { cases, setAside };
}

export function urlOf(m: RouteModel, c: Pick<RouteCase, 'params' | 'query'>): string {
  const path = m.route.url.replace(/:(\w+)/g, (_, k: string) =>
    encodeURIComponent(c.params[k] ?? '1'),
  );
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(c.query))
    for (const one of Array.isArray(v) ? v : [v]) qs.append(k, one);
  const q = qs.toString();
  return q ? `${path}?${q}` : path;
}
