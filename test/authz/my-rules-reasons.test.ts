import { createMongoAbility, subject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

type AppAbility = MongoAbility<[string, string | object]>;
type PackedRules = PackRule<RawRuleOf<AppAbility>>[];

async function abilityOf(principal: string, purpose: string): Promise<AppAbility> {
  const res = await s.gql(principal, `{ myRules(purpose: "${purpose}") { denialReason rules } }`);
  expect(res.body.errors).toBeUndefined();
  return createMongoAbility<AppAbility>(unpackRules(res.body.data.myRules.rules as PackedRules));
}

/** What a front end renders for a field of a category, from the rules alone (docs/api.md myRules). */
const reasonFor = (ability: AppAbility, subject: string, category: string) =>
  ability.can('read', subject, category) ? null : ability.relevantRuleFor('read', subject, category)?.reason ?? 'NO_RULE';

describe('myRules names the reason of each denied category, so a front end can show it without asking', () => {
  test('R12 a case manager under DETENTION_MANAGEMENT: health is CATEGORY_NOT_IN_PURPOSE, the name is allowed', async () => {
    const ability = await abilityOf('case-manager-a', 'DETENTION_MANAGEMENT');
    expect(reasonFor(ability, 'Person', 'identity.name')).toBeNull();
    expect(reasonFor(ability, 'Person', 'health')).toBe('CATEGORY_NOT_IN_PURPOSE');
    expect(reasonFor(ability, 'Person', 'identifier.national')).toBe('CATEGORY_NOT_IN_PURPOSE');
  });

  test('R7 a designated officer without a pledge: the fingerprint reference is NO_CONFIDENTIALITY_PLEDGE', async () => {
    const ability = await abilityOf('id-officer-nopledge', 'IDENTIFICATION_OF_DETAINEES');
    expect(reasonFor(ability, 'Person', 'biometric.fingerprint_reference')).toBe('NO_CONFIDENTIALITY_PLEDGE');
    expect(reasonFor(ability, 'Person', 'identity.name')).toBeNull();
  });

  test('R6 an officer who is not designated: NOT_DESIGNATED', async () => {
    const ability = await abilityOf('id-officer-undesignated', 'IDENTIFICATION_OF_DETAINEES');
    expect(reasonFor(ability, 'Person', 'identifier.national')).toBe('NOT_DESIGNATED');
  });

  test('the reason the rules give is the one the API answers for that field', async () => {
    const ability = await abilityOf('case-manager-a', 'DETENTION_MANAGEMENT');
    const res = await s.gql('case-manager-a', '{ person(id: "person-a1") { surname medicalNotes } }', { purpose: 'DETENTION_MANAGEMENT', justification: 'R12 check' });
    expect(res.body.data.person.surname).toBe('Jansen');
    const denial = res.body.errors?.find((e) => e.path?.join('.') === 'person.medicalNotes');
    expect(denial?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: reasonFor(ability, 'Person', 'health'), category: 'health' });
  });

  test('a conditional rule still decides rows: the inverted rules add no condition of their own', async () => {
    const ability = await abilityOf('case-manager-a', 'DETENTION_MANAGEMENT');
    expect(ability.can('read', subject('Person', { currentInstitution: 'A' }), 'identity.name')).toBe(true);
    expect(ability.can('read', subject('Person', { currentInstitution: 'B' }), 'identity.name')).toBe(false);
  });
});
