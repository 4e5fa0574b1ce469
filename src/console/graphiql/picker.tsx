import { useEffect, useState, type FormEvent } from 'react';
import type { RequestHeaders } from './headers';
import { devToken, DEMO_PRINCIPALS, registerPurposes } from './sources';

interface Props {
  onChange: (headers: RequestHeaders) => void;
}

/**
 * Who asks, for which purpose, and why: a demo principal's development token, a purpose from the
 * register and a justification, turned into the headers GraphiQL sends.
 */
export function HeaderPicker({ onChange }: Props) {
  const [principal, setPrincipal] = useState('case-manager-a');
  const [purpose, setPurpose] = useState('DETENTION_MANAGEMENT');
  const [justification, setJustification] = useState('Trying the API in GraphiQL');
  const [purposes, setPurposes] = useState<{ code: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void devToken(principal)
      .then(registerPurposes)
      .then((list) => { if (live) setPurposes(list); })
      .catch((e: unknown) => { if (live) setError(e instanceof Error ? e.message : 'could not read the register'); });
    return () => { live = false; };
  }, []);

  const apply = () => {
    setBusy(true);
    setError(null);
    void devToken(principal)
      .then((token) => onChange({ token, purpose, justification: justification.trim() }))
      .catch((err: unknown) => setError(err instanceof Error ? err.message : 'could not get a token'))
      .finally(() => setBusy(false));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply();
  };
  // The headers are filled from the defaults at once, so the first query runs as it is.
  useEffect(apply, []);

  return (
    <form className="picker" onSubmit={submit} aria-label="Request headers">
      <h1 className="picker-title">GraphiQL <span>development only</span></h1>
      <label>
        Principal
        <select value={principal} onChange={(e) => setPrincipal(e.target.value)}>
          {DEMO_PRINCIPALS.map((p) => <option key={p.id} value={p.id}>{p.id} — {p.label}</option>)}
        </select>
      </label>
      <label>
        Purpose (x-purpose)
        <select value={purpose} onChange={(e) => setPurpose(e.target.value)}>
          <option value="">none</option>
          {purposes.map((p) => <option key={p.code} value={p.code}>{p.code}</option>)}
          {purposes.length === 0 && purpose && <option value={purpose}>{purpose}</option>}
        </select>
      </label>
      <label>
        Justification (x-justification)
        <input value={justification} onChange={(e) => setJustification(e.target.value)} placeholder="case, dossier or ticket" maxLength={500} />
      </label>
      <button type="submit" disabled={busy}>Fill the headers</button>
      {error && <span role="alert" className="picker-error">{error}</span>}
    </form>
  );
}
