import type { AccessAction, AccessLogFilter, AccessOutcome } from '../../gql/graphql';

const ACTIONS: AccessAction[] = ['consult', 'collect', 'alter', 'combine', 'disclose', 'erase', 'deny'];
const OUTCOMES: AccessOutcome[] = ['GRANTED', 'DENIED'];

/** The form's values: text as typed; `from`/`to` as datetime-local values (the browser's local time). */
export type FilterForm = Record<'personId' | 'principalId' | 'purpose' | 'category' | 'recipientId' | 'action' | 'outcome' | 'from' | 'to', string>;

export const emptyFilter: FilterForm = {
  personId: '', principalId: '', purpose: '', category: '', recipientId: '', action: '', outcome: '', from: '', to: '',
};

/** accessLog's filter from the form: empty fields left out, local times as instants. */
export function toFilter(f: FilterForm): AccessLogFilter {
  const filter: AccessLogFilter = {};
  for (const key of ['personId', 'principalId', 'purpose', 'category', 'recipientId'] as const) if (f[key].trim()) filter[key] = f[key].trim();
  if (f.action) filter.action = f.action as AccessAction;
  if (f.outcome) filter.outcome = f.outcome as AccessOutcome;
  if (f.from) filter.from = new Date(f.from).toISOString();
  if (f.to) filter.to = new Date(f.to).toISOString();
  return filter;
}

const TEXT: [keyof FilterForm, string][] = [
  ['personId', 'Person id'], ['principalId', 'Principal id'], ['purpose', 'Purpose'], ['category', 'Data category'], ['recipientId', 'Recipient id'],
];

/** Every filter of accessLog (docs/api.md), each with its label. */
export function FilterFields({ value, onChange }: { value: FilterForm; onChange: (f: FilterForm) => void }) {
  const set = (key: keyof FilterForm) => (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value });
  return (
    <div className="filters">
      {TEXT.map(([key, label]) => (
        <div key={key}>
          <label htmlFor={`f-${key}`}>{label}</label>
          <input id={`f-${key}`} value={value[key]} onChange={set(key)} autoComplete="off" />
        </div>
      ))}
      <div>
        <label htmlFor="f-action">Action</label>
        <select id="f-action" value={value.action} onChange={set('action')}>
          <option value="">any</option>
          {ACTIONS.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="f-outcome">Outcome</label>
        <select id="f-outcome" value={value.outcome} onChange={set('outcome')}>
          <option value="">any</option>
          {OUTCOMES.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="f-from">From (inclusive)</label>
        <input id="f-from" type="datetime-local" step="1" value={value.from} onChange={set('from')} />
      </div>
      <div>
        <label htmlFor="f-to">To (exclusive)</label>
        <input id="f-to" type="datetime-local" step="1" value={value.to} onChange={set('to')} />
      </div>
    </div>
  );
}
