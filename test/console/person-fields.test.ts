import { readFileSync } from 'node:fs';
import { buildSchema, isObjectType } from 'graphql';
import { PERSON_FIELDS } from '../../src/console/pages/person/fields.js';

const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));
const person = schema.getType('Person');

describe('the person page asks each field under the data category the schema gives it', () => {
  test('R13 every field of the page names the category of its Person field in the printed schema', () => {
    if (!isObjectType(person)) throw new Error('Person is not an object type');
    const fields = person.getFields();
    for (const f of PERSON_FIELDS) {
      for (const name of f.fields) {
        const category = /Data category: ([a-z_]+(?:\.[a-z_]+)*)/.exec(fields[name]?.description ?? '')?.[1];
        expect([name, category]).toEqual([name, f.category]);
      }
    }
  });

  test('each @include variable of ConsolePersonFields is one of the page\'s fields', () => {
    const op = readFileSync(new URL('../../schema/operations/console/person-fields.graphql', import.meta.url), 'utf8');
    const variables = [...op.matchAll(/@include\(if: \$(\w+)\)/g)].map((m) => m[1]);
    expect(new Set(variables)).toEqual(new Set(PERSON_FIELDS.map((f) => f.variable)));
  });
});
