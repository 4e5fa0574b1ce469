import { OperationKinds, writingQueryFields } from '../../src/http/operation-kind.js';
import { buildSchema } from '../../src/schema/index.js';
import { defaultPolicyDir, loadPolicy } from '../../src/authz/policy.js';

describe('R10 whether a request may write, known before its transaction begins', () => {
  const kinds = new OperationKinds(new Set(['verifyAccessLog']), 200, 2);

  test.each([
    ['an anonymous query reads', '{ me { id } }', undefined, true],
    ['a mutation writes', 'mutation M { designateStaff(staffMemberId: "x", processing: "Y") { id } }', undefined, false],
    ['the named operation of several decides', 'query Q { me { id } } mutation M { x }', 'M', false],
    ['a query selecting a field that writes, writes', '{ me { id } verifyAccessLog { ok } }', undefined, false],
    ['… also through a fragment spread', 'query { ...F } fragment F on Query { ... on Query { verifyAccessLog { ok } } }', undefined, false],
    ['… not when the field is nested, not a root field', '{ me { verifyAccessLog } }', undefined, true],
    ['fragments that spread each other end', 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A me { id } }', undefined, true],
    ['several operations and no name: refused by Apollo unexecuted', 'query Q { me { id } } mutation M { x }', undefined, true],
    ['an unknown operation name: refused unexecuted', 'query Q { me { id } }', 'Other', true],
    ['a document that does not parse: refused unexecuted', 'mutation {', undefined, true],
    ['no document', undefined, undefined, true],
    ['a document over the token limit: refused unexecuted', `mutation { ${'a '.repeat(300)} }`, undefined, true],
  ])('%s', (_, query, name, readOnly) => {
    expect(kinds.readOnly(query, name)).toBe(readOnly);
    // Asked again (remembered, also across the cache's clearing), the same answer.
    expect(kinds.readOnly(query, name)).toBe(readOnly);
  });

  test('the schema marks verifyAccessLog, which seals pending rows before it verifies, as writing', () => {
    expect(writingQueryFields(buildSchema(loadPolicy(defaultPolicyDir)))).toEqual(new Set(['verifyAccessLog']));
  });
});
