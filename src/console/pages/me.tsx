import { ConsoleMeDocument } from '../gql/graphql';
import { useOperation } from '../api/use-operation';
import { ErrorList } from '../api/errors';
import type { ConsolePage } from './registry';

function Me() {
  const { result, loading } = useOperation(ConsoleMeDocument, {});
  const me = result?.data?.me;
  return (
    <section aria-labelledby="me-title">
      <h1 id="me-title">Who am I</h1>
      <p>What the API knows of the signed-in principal, read again at every request: a revocation counts at once.</p>
      {loading && !result ? <p aria-live="polite">Loading…</p> : null}
      {result ? <ErrorList errors={result.errors} /> : null}
      {me ? (
        <dl className="facts">
          <dt>Principal</dt><dd data-testid="me-id">{me.id}</dd>
          <dt>Kind</dt><dd>{me.kind}</dd>
          <dt>Roles</dt><dd>{me.roles.join(', ') || '—'}</dd>
          <dt>Unit</dt><dd>{me.unit}</dd>
          <dt>Institution</dt><dd>{me.institution ?? '—'}</dd>
          <dt>Designations</dt>
          <dd>{me.designations.map((d) => `${d.processing}${d.pending ? ' (pending)' : d.active ? '' : ' (ended)'}`).join(', ') || 'none'}</dd>
          <dt>Confidentiality pledges</dt>
          <dd>{me.pledges.filter((p) => p.active && !p.pending).length > 0 ? 'signed' : 'none active'}</dd>
        </dl>
      ) : null}
    </section>
  );
}

export const mePage: ConsolePage = {
  path: 'me', title: 'Who am I', group: 'Account', purposes: [],
  summary: 'The signed-in principal: roles, unit, designations and pledges.', component: Me,
};
