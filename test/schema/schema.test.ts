import { readFileSync } from 'node:fs';
import { isObjectType, type GraphQLObjectType } from 'graphql';
import { defaultPolicyDir, loadPolicy } from '../../src/authz/policy.js';
import { buildSchema, printSchemaSdl } from '../../src/schema/index.js';

const policy = loadPolicy(defaultPolicyDir);
const schema = buildSchema(policy);

/** Types whose fields carry personal data: every field must name a category (docs/architecture.md). */
const personalTypes = Object.values(schema.getTypeMap()).filter(
  (t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__') && ['Person', 'Dossier'].includes(t.name));

describe('the printed schema', () => {
  test('schema/schema.graphql is what the code prints (run npm run schema:print after a change)', () => {
    const committed = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printSchemaSdl(schema));
  });

  test('R16 the SDL shows each personal-data field\'s category, and marks special ones', () => {
    const sdl = printSchemaSdl(schema);
    expect(sdl).toMatch(/Data category: health, special category \(R16\)\.\s*"""\s*medicalNotes: String/);
    expect(sdl).toMatch(/Data category: identity\.name\.\s*"""\s*surname: String/);
  });
});

describe('category lint', () => {
  test('every field of a personal-data type but its id declares a category', () => {
    const missing = personalTypes.flatMap((t) => Object.values(t.getFields())
      .filter((f) => f.name !== 'id' && typeof f.extensions.category !== 'string').map((f) => `${t.name}.${f.name}`));
    expect(missing).toEqual([]);
  });

  test('every declared category exists in policies/categories.yaml', () => {
    const unknown: string[] = [];
    for (const t of Object.values(schema.getTypeMap())) {
      if (!isObjectType(t)) continue;
      for (const f of Object.values(t.getFields())) {
        const c = f.extensions.category;
        if (typeof c === 'string' && !policy.categories.has(c)) unknown.push(`${t.name}.${f.name}: ${c}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  test('every personal-data field is nullable, so a denial can answer null without failing its parent', () => {
    const nonNull = personalTypes.flatMap((t) => Object.values(t.getFields())
      .filter((f) => f.extensions.category && f.type.toString().endsWith('!')).map((f) => `${t.name}.${f.name}`));
    expect(nonNull).toEqual([]);
  });

  test('contract names of docs/api.md are present (root fields, core types and fields)', () => {
    const q = schema.getQueryType()!.getFields();
    for (const f of ['me', 'person', 'persons', 'dossier', 'processingRecords', 'processingRecord', 'accessLog', 'designations', 'myRules']) {
      expect(q[f]).toBeDefined();
    }
    const person = (schema.getType('Person') as GraphQLObjectType).getFields();
    for (const f of ['id', 'surname', 'givenNames', 'sex', 'birthDate', 'nationality', 'nationalRegisterNumber', 'fingerprintReference',
      'placement', 'medicalNotes', 'riskAssessment', 'restriction', 'dossiers', 'disclosures']) {
      expect(person[f]).toBeDefined();
    }
  });
});
