import { useState, type FormEvent } from 'react';
import { useConsole } from './context';

/**
 * Asked before any personal data (R12): the purpose, among those the page serves, and the concrete
 * justification the access log keeps with every row (R10). Both go with every request.
 */
export function DeclarePurpose({ purposes, pageTitle }: { purposes: string[]; pageTitle: string }) {
  const { declaration, declare } = useConsole();
  const [purpose, setPurpose] = useState(declaration && purposes.includes(declaration.purpose) ? declaration.purpose : purposes[0]);
  const [justification, setJustification] = useState(declaration?.justification ?? '');
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const text = justification.trim();
    if (text.length < 3) return setError('Write why you need this: a case, a dossier or a ticket.');
    if (text.length > 500) return setError('At most 500 characters.');
    declare({ purpose, justification: text });
  }

  return (
    <form className="declare" onSubmit={submit} aria-labelledby="declare-title">
      <h1 id="declare-title">Why are you opening {pageTitle}?</h1>
      <p>This page shows personal data or the log. Declare the purpose and your justification first: both are kept in the access log with every row read.</p>
      {error ? <p role="alert" className="errors">{error}</p> : null}
      <label htmlFor="purpose">Purpose (processing activity)</label>
      <select id="purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)}>
        {purposes.map((p) => <option key={p} value={p}>{p}</option>)}
      </select>
      <label htmlFor="justification">Justification (case, dossier or ticket)</label>
      <input id="justification" value={justification} onChange={(e) => setJustification(e.target.value)} maxLength={500} required autoComplete="off" />
      <button type="submit">Continue</button>
    </form>
  );
}
