import { randomBytes } from 'node:crypto';
import { startTestServer, type TestServer } from '../support/server.js';

// Issue 16, finding 17: production mode, with keys of its own (the development ones are refused there).
let prod: TestServer;
let dev: TestServer;
beforeAll(async () => {
  prod = await startTestServer({
    env: { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), AUDIT_SIGNING_KEY: randomBytes(32).toString('hex') },
  });
  dev = await startTestServer();
});
afterAll(async () => {
  await prod?.stop();
  await dev?.stop();
});

const messages = (r: { body: { errors?: { message: string }[] } }) => (r.body.errors ?? []).map((e) => e.message).join('\n');

describe('in production, error messages do not map the schema', () => {
  const WRONG_ENUM = '{ exportAccessLog(format: JSON_LINE) { count } }';
  const MISSING_ARGUMENT = '{ person { surname } }';
  const MISSING_INPUT_FIELD = 'mutation { createProcessingRecord(input: { code: "X_Y" }) { code } }';
  const WRONG_ENUM_VARIABLE = 'query($f: AccessLogExportFormat!) { exportAccessLog(format: $f) { count } }';

  test('R15 a wrong enum value is refused without naming the allowed values or the enum type', async () => {
    const res = await prod.gql('auditor', WRONG_ENUM, { purpose: 'SUPERVISION_AUDIT' });
    expect(res.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(messages(res)).toContain('JSON_LINE');
    expect(messages(res)).not.toMatch(/JSON_LINES|FHIR_AUDIT_EVENT|AccessLogExportFormat|Did you mean/);
  });

  test('R15 a wrong enum value in a variable is refused the same way', async () => {
    const res = await prod.gql('auditor', WRONG_ENUM_VARIABLE, { purpose: 'SUPERVISION_AUDIT', variables: { f: 'JSON_LINE' } });
    expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(messages(res)).not.toMatch(/JSON_LINES|FHIR_AUDIT_EVENT|Did you mean/);
  });

  test('R15 a missing required argument is refused without its name and type', async () => {
    const res = await prod.gql('case-manager-a', MISSING_ARGUMENT, { purpose: 'DETENTION_MANAGEMENT' });
    expect(res.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(messages(res)).toContain('"person" is missing a required argument');
    expect(messages(res)).not.toMatch(/"id"|ID!/);
  });

  test('R15 missing required input fields are refused without their names and types', async () => {
    const res = await prod.gql('dpo', MISSING_INPUT_FIELD);
    expect(res.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(messages(res)).not.toMatch(/dataCategories|legalBasis|ProcessingRecordInput|String!/);
  });

  test('R15 field suggestions stay hidden', async () => {
    const res = await prod.gql('case-manager-a', '{ persn(id: "person-a1") { surname } }', { purpose: 'DETENTION_MANAGEMENT' });
    expect(messages(res)).not.toMatch(/Did you mean|"person"/);
  });

  test('outside production the same mistakes keep their hints, for developers', async () => {
    expect(messages(await dev.gql('auditor', WRONG_ENUM, { purpose: 'SUPERVISION_AUDIT' }))).toMatch(/Did you mean the enum value "JSON_LINES"/);
    expect(messages(await dev.gql('case-manager-a', MISSING_ARGUMENT, { purpose: 'DETENTION_MANAGEMENT' }))).toMatch(/argument "id" of type "ID!"/);
  });
});
