import { useState, type FormEvent } from 'react';
import { AbilityProvider, Can } from '@casl/react';
import { ConsolePersonFieldsDocument, ConsolePersonRulesDocument } from '../../gql/graphql';
import { useOperation } from '../../api/use-operation';
import { ErrorList } from '../../api/errors';
import { useConsole } from '../../context';
import type { ConsolePage } from '../registry';
import { PERSON_FIELDS, type IncludeVariable, type PersonField } from './fields';
import { abilityFromRules, planField, type PersonAbility } from './rules';
import { apiDenial, valueText } from './values';
import '../dpo/dpo.css';

const PURPOSES = ['DETENTION_MANAGEMENT', 'IDENTIFICATION_OF_DETAINEES', 'MEDICAL_CARE', 'SUBJECT_RIGHTS'];

/**
 * The worked example for front-end teams: ask myRules what the purpose allows, render a denied
 * category as a badge with its reason without asking for it, ask only for the allowed ones
 * (@include), and still show any denial the API answers (a row condition, a restriction).
 */
function PersonPage() {
  const { declaration } = useConsole();
  const purpose = declaration?.purpose ?? '';
  const [personId, setPersonId] = useState('person-a1');
  const [ability, setAbility] = useState<PersonAbility | null>(null);
  const rules = useOperation(ConsolePersonRulesDocument);
  const person = useOperation(ConsolePersonFieldsDocument);

  const show = async (e?: FormEvent) => {
    e?.preventDefault();
    const r = await rules.run({ purpose });
    const my = r.data?.myRules;
    if (!my || my.denialReason) {
      setAbility(null);
      return;
    }
    const a = abilityFromRules(my.rules);
    setAbility(a);
    const include = Object.fromEntries(PERSON_FIELDS.map((f) => [f.variable, planField(a, f).ask])) as Record<IncludeVariable, boolean>;
    await person.run({ id: personId.trim(), ...include });
  };

  const my = rules.result?.data?.myRules;
  const answer = person.result;
  const found = answer?.data?.person;
  return (
    <section aria-labelledby="person-title">
      <h1 id="person-title">Person</h1>
      <p>One person&apos;s fields under the purpose <code>{purpose}</code>: a value, or a badge with the reason it is denied. The rules (myRules) decide what is asked; the API decides every field it is asked for.</p>
      <form className="actions" onSubmit={(e) => void show(e)}>
        <label htmlFor="person-id">Person id</label>
        <input id="person-id" value={personId} onChange={(e) => setPersonId(e.target.value)} required autoComplete="off" />
        <button type="submit" disabled={rules.loading || person.loading}>Show</button>
      </form>
      {rules.result ? <ErrorList errors={rules.result.errors} /> : null}
      {my?.denialReason ? (
        <p className="errors" role="alert">Nothing may be shown under <code>{my.purpose}</code>: reason <code data-testid="purpose-denied">{my.denialReason}</code>.</p>
      ) : null}
      {answer ? <ErrorList errors={answer.errors.filter((e) => !PERSON_FIELDS.some((f) => apiDenial([e], f)))} /> : null}
      {ability && answer && !found && answer.errors.length === 0 ? <p role="status">No person with this id is visible to you under this purpose.</p> : null}
      {ability && found ? (
        <AbilityProvider value={ability}>
          <dl className="person-fields" data-testid="person-fields">
            {PERSON_FIELDS.map((f) => <FieldRow key={f.variable} field={f} value={valueText(found, f)} denial={apiDenial(answer?.errors ?? [], f)} />)}
          </dl>
        </AbilityProvider>
      ) : null}
    </section>
  );
}

function FieldRow({ field, value, denial }: { field: PersonField; value: string | null; denial: ReturnType<typeof apiDenial> }) {
  return (
    <>
      <dt>{field.label}<span className="category">{field.category}</span></dt>
      <Can I="read" a="Person" field={field.category} passThrough>
        {({ isAllowed, reason }) => (
          <dd data-field={field.variable} data-state={!isAllowed ? 'denied-by-rules' : denial ? 'denied-by-api' : 'shown'}>
            {!isAllowed ? (
              <><span className="badge denied">Denied</span> <code className="reason">{reason ?? 'NOT_GRANTED'}</code> <span className="muted">(from myRules; not asked)</span></>
            ) : denial ? (
              <><span className="badge denied">Denied</span> <code className="reason">{denial.extensions?.reason ?? denial.extensions?.code}</code> <span className="muted">(answered by the API)</span></>
            ) : value ?? <span className="muted">no value</span>}
          </dd>
        )}
      </Can>
    </>
  );
}

export const personPage: ConsolePage = {
  path: 'person', title: 'Person', group: 'Front-end teams', purposes: PURPOSES,
  summary: 'One person’s fields for a chosen purpose, each a value or a badge with the denial reason, driven by myRules.',
  component: PersonPage,
};
