import { randomBytes } from 'node:crypto';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { onServer } from '../support/server.js';
import { startApiProcess, type ApiProcess } from './support/api-process.js';
import { demoValues } from './support/demo-values.js';
import { startOtlpSink, type OtlpAttribute, type OtlpSink, type OtlpSpan } from './support/otlp-sink.js';
import { PERSON, postGraphQL, type Post } from './support/requests.js';

/**
 * Tracing as an operator turns it on (OTEL_EXPORTER_OTLP_ENDPOINT), in a real API process with the
 * http, graphql and pg instrumentations, exporting to a local OTLP collector that keeps every span.
 */
let db: TestDatabase;
let sink: OtlpSink;
let api: ApiProcess;
const justification = `case file ${randomBytes(6).toString('hex')} reviewed`;
const answers: Post[] = [];

const attr = (span: OtlpSpan, key: string) => span.attributes?.find((a) => a.key === key)?.value;
const text = (a: OtlpAttribute) => JSON.stringify(a.value);

beforeAll(async () => {
  if (!process.env.DATABASE_URL) return;
  db = await freshDatabase();
  sink = await startOtlpSink();
  api = await startApiProcess(db.url, {
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '100',
  });
  const o = { purpose: 'DETENTION_MANAGEMENT', justification };
  answers.push(await postGraphQL(api.url, 'case-manager-a', { query: PERSON, variables: { id: 'person-a1' } }, o));
  // Values written into the document itself: literals, which the graphql instrumentation masks and the export drops.
  answers.push(await postGraphQL(api.url, 'case-manager-a', { query: '{ person(id: "person-a1") { surname medicalNotes } }' }, o));
  answers.push(await postGraphQL(api.url, 'case-manager-a', { query: '{ persons(first: 5) { edges { node { id surname givenNames birthDate } } } }' }, o));
  // A value in a URL's query string (refused: GET is off) must not reach a span either.
  await fetch(`${api.url}/graphql?variables=${encodeURIComponent('{"surname":"Jansen"}')}`);
  // SIGTERM: the SDK's shutdown exports what it still holds.
  expect(await api.stop()).toBe(0);
}, 120_000);

afterAll(async () => {
  if (!process.env.DATABASE_URL) return;
  await api?.stop();
  await sink?.stop();
  await db?.drop();
});

describe('tracing: OpenTelemetry spans without personal data (R10, issue 19)', () => {
  onServer('the requests were answered with personal data, so the spans had some to leak', () => {
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[0].body).toContain('Jansen');
    expect(answers[1].body).toContain('Jansen');
  });

  onServer('http, graphql and pg spans arrive, the HTTP span names the request id and the operation', () => {
    const names = new Set(sink.spans.map((s) => s.name));
    expect([...names].some((n) => n.startsWith('POST'))).toBe(true);
    expect([...names].some((n) => n.startsWith('graphql.execute') || n.startsWith('query'))).toBe(true);
    expect([...names].some((n) => n.startsWith('pg.query'))).toBe(true);
    const requestIds = sink.spans.map((s) => attr(s, 'ntk.request_id')?.stringValue);
    for (const a of answers) expect(requestIds).toContain(a.requestId);
    expect(sink.spans.some((s) => attr(s, 'graphql.operation.name')?.stringValue === 'Person')).toBe(true);
  });

  onServer('R10 no personal value of the demo data, no justification and no SQL parameter in any span or export', async () => {
    const values = [...await demoValues(db.url), justification];
    expect(values).toEqual(expect.arrayContaining(['Jansen', 'Insulin-dependent diabetes; daily check.', 'case-manager-a']));
    const leaks: string[] = [];
    for (const span of sink.spans) {
      for (const a of [...(span.attributes ?? []), ...(span.events ?? []).flatMap((e) => e.attributes ?? [])]) {
        for (const v of values) if (text(a).includes(v)) leaks.push(`${span.name} ${a.key}: ${v}`);
      }
    }
    expect(leaks).toEqual([]);
    // Whatever else an export carries (resource, span names, events): none of it either.
    for (const body of sink.bodies) for (const v of values) expect(body).not.toContain(v);
  });

  onServer('statements travel without literals, URLs without their query string', () => {
    const statements = sink.spans.map((s) => attr(s, 'db.statement')?.stringValue ?? attr(s, 'db.query.text')?.stringValue).filter(Boolean) as string[];
    expect(statements.length).toBeGreaterThan(0);
    // Every quoted literal is '?': once those are gone, no quote is left.
    for (const sql of statements) expect(sql.replace(/'\?'/g, '')).not.toContain("'");
    for (const s of sink.spans) for (const key of ['http.target', 'url.full', 'http.url']) expect(attr(s, key)?.stringValue ?? '').not.toContain('?');
    expect(sink.spans.every((s) => attr(s, 'url.query') === undefined && attr(s, 'graphql.source') === undefined)).toBe(true);
  });
});
