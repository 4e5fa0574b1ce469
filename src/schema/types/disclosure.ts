import { ClientSystem } from '../../domain/ClientSystem.js';
import { Disclosure } from '../../domain/Disclosure.js';
import { Person } from '../../domain/Person.js';
import { ProcessingRecord } from '../../domain/ProcessingRecord.js';
import { retentionEnd } from '../../domain/retention.js';
import { NOTHING, rowFilter } from '../../authz/sql.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { keysetConnection } from '../pagination.js';
import { refsFor } from '../refs.js';
import { checkText } from '../validate.js';
import { withPerson } from '../../db/columns.js';
import { authorizedTarget } from '../../authz/plugin.js';
import { byId, findKeysetPage } from '../../db/keyset.js';
import { COLUMNS_BY_CATEGORY, columnValues } from '../../domain/person-categories.js';

const ART_18B = 'RISK_DISCLOSURE_18B';

async function recipientClient(ctx: GraphQLContext, id: string): Promise<ClientSystem> {
  const client = await ctx.em.findOne(ClientSystem, { id });
  if (!client || !client.active) throw badUserInput('input.recipientClientId', 'no active client system with this id');
  return client;
}

const noSuchPerson = () => badUserInput('input.personId', 'no person with this id');

const findPerson = (ctx: GraphQLContext, id: string): Promise<Person | null> => ctx.em.findOne(Person, { id });


const value = (field: string) => (d: Disclosure) => (d.data[field] ?? null) as string | null;

export function addDisclosureTypes(builder: Builder): void {
  const { DisclosureRef } = refsFor(builder);
  builder.objectType(DisclosureRef, {
    description: 'R18: data disclosed to a third party, as they stood when disclosed, with legal basis and author.',
    personOf: (d) => d.person,
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      disclosedAt: t.expose('disclosedAt', { type: 'DateTime', nullable: false }),
      legalBasis: t.exposeString('legalBasis', { nullable: false }),
      processing: t.exposeString('processingCode', { nullable: false }),
      categories: t.exposeStringList('categories', { nullable: false }),
      retainUntil: t.expose('retainUntil', { type: 'DateTime', nullable: false, description: 'R14: the disclosure\'s own retention.' }),
      surname: t.string({ category: 'identity.name', resolve: value('surname') }),
      givenNames: t.string({ category: 'identity.name', resolve: value('givenNames') }),
      birthDate: t.string({ category: 'identity.birth', resolve: value('birthDate') }),
      riskAssessment: t.string({ category: 'criminal.risk_assessment', resolve: value('riskAssessment') }),
    }),
  });

  const Input = builder.inputType('Disclose18bInput', {
    fields: (t) => ({
      personId: t.id({ required: true }),
      recipientClientId: t.id({ required: true, description: 'The municipality\'s client system.' }),
      categories: t.stringList({ required: true, description: 'The data categories to disclose; only those of the art. 18b record.' }),
      motivation: t.string({ required: true, description: 'R26: why it is needed, proportionate and minimal.' }),
    }),
  });

  builder.queryField('receivedDisclosures', (t) =>
    t.connection({
      type: DisclosureRef,
      guardRows: { subject: 'Disclosure' },
      description: 'R18: the disclosures addressed to the calling client system, newest first (persisted operation).',
      resolve: (_r, args, ctx) => {
        const rows = rowFilter<Disclosure>(ctx.authz.access, 'read', 'Disclosure') ?? NOTHING;
        // With what decisions need of the person (R22: a restricted person's disclosure is restricted too).
        return keysetConnection(args, (d: Disclosure) => d.id, (page) =>
          findKeysetPage(ctx.em, Disclosure, [rows], page, byId<Disclosure>(true), withPerson<Disclosure>()));
      },
    }));

  builder.mutationField('disclose18b', (t) =>
    t.field({
      type: DisclosureRef,
      args: { input: t.arg({ type: Input, required: true }) },
      authorize: {
        action: 'disclose', subject: 'Person', categoriesArg: 'input.categories', logAs: 'disclose',
        target: ({ input }, ctx) => findPerson(ctx, String(input.personId)),
        // An unknown person and one of another institution get the same answer, and both are logged (no existence oracle).
        hiddenTargetAs: noSuchPerson,
        subjectArg: 'input.personId',
        recipient: async ({ input }, ctx) => {
          const client = await recipientClient(ctx, String(input.recipientClientId));
          return { id: client.organisation, category: client.recipientCategory };
        },
      },
      description: 'R18, R26: a case manager discloses the chosen categories of a detainee to a municipality under art. 18b.',
      resolve: (_r, args, ctx) =>
        ctx.em.transactional(async (em) => {
          const { input } = args;
          if (input.categories.length === 0) throw badUserInput('input.categories', 'name at least one category');
          checkText('input.motivation', input.motivation, 2000);
          const person = authorizedTarget<Person>(args);
          // One after the other: the transaction is one connection, and pg refuses overlapping queries on it.
          const client = await recipientClient(ctx, String(input.recipientClientId));
          const record = await em.findOneOrFail(ProcessingRecord, { code: ART_18B });
          if (!record.recipientCategories.includes(client.recipientCategory)) {
            throw badUserInput('input.recipientClientId', 'is not a recipient category of the art. 18b record');
          }
          const data: Record<string, unknown> = {};
          for (const c of input.categories) for (const [f, v] of Object.entries(columnValues(person, COLUMNS_BY_CATEGORY[c] ?? []))) data[f] = v ?? null;
          const disclosure = Object.assign(new Disclosure(), {
            person: em.getReference(Person, person.id), processingCode: ART_18B, legalBasis: record.legalBasis,
            recipientClientId: client.id, recipientCategory: client.recipientCategory, categories: [...new Set(input.categories)].sort(),
            data, motivation: input.motivation, authoredBy: ctx.principal.id, disclosedAt: ctx.now,
            retainUntil: retentionEnd(record.retention, ctx.now) ?? ctx.now,
          });
          em.persist(disclosure);
          return disclosure;
        }),
    }));
}
