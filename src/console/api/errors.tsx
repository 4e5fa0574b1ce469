import type { ApiError } from './client';

/**
 * Every error of an answer, denials first-class: a FORBIDDEN shows its reason and data category,
 * as the API gave them (issue 21: a denial is shown, never hidden).
 */
export function ErrorList({ errors }: { errors: ApiError[] }) {
  if (errors.length === 0) return null;
  return (
    <div role="alert" className="errors">
      <ul>
        {errors.map((e, i) => <li key={i}><ErrorLine error={e} /></li>)}
      </ul>
    </div>
  );
}

function ErrorLine({ error }: { error: ApiError }) {
  const x = error.extensions ?? {};
  const where = error.path?.length ? ` at ${error.path.join('.')}` : '';
  return (
    <span className="error" data-code={x.code}>
      <strong className="error-code">{x.code ?? 'ERROR'}</strong>
      {x.reason ? <> — reason <code className="error-reason">{x.reason}</code></> : null}
      {x.category ? <> — category <code className="error-category">{x.category}</code></> : null}
      {x.field ? <> — field <code>{x.field}</code></> : null}
      {where}
      <span className="error-message">: {error.message}</span>
    </span>
  );
}
