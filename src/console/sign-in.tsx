import { useEffect, useState, type FormEvent } from 'react';
import type { Session } from './session';

/** The demo principals of docs/api.md that the console is for (staff; client systems use persisted operations of their own). */
const DEMO_PRINCIPALS: { id: string; what: string }[] = [
  { id: 'auditor', what: 'supervisory authority: reads the log' },
  { id: 'dpo', what: 'data protection officer: register, rights, the log' },
  { id: 'case-manager-a', what: 'case manager at institution A' },
  { id: 'case-manager-b', what: 'case manager at institution B' },
  { id: 'medical-officer', what: 'medical officer' },
  { id: 'id-officer', what: 'identification officer, designated, pledge signed' },
  { id: 'intake-a', what: 'intake officer at institution A' },
  { id: 'director-general', what: 'director-general: confirms designations' },
];

const TOKEN = /^[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*\.[A-Za-z0-9\-_=+/]*$/;

/** The subject of a JWT, for display only: the server verifies the token on every request. */
function subjectOf(token: string): string {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
    return typeof payload.sub === 'string' ? payload.sub : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Development: pick a demo principal, whose token the server mints (POST /console/dev-token, absent
 * in production). Production: paste a bearer token from the identity provider.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [development, setDevelopment] = useState<boolean | null>(null);
  const [principal, setPrincipal] = useState(DEMO_PRINCIPALS[0].id);
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetch('/console/dev-token').then((r) => setDevelopment(r.ok), () => setDevelopment(false));
  }, []);

  async function pick(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await fetch('/console/dev-token', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ principalId: principal }),
    });
    if (!res.ok) return setError(`The server did not mint a token (HTTP ${res.status}).`);
    const { token } = await res.json() as { token: string };
    onSignedIn({ token, principalId: principal });
  }

  function paste(e: FormEvent) {
    e.preventDefault();
    const token = pasted.trim().replace(/^Bearer\s+/i, '');
    if (!TOKEN.test(token)) return setError('That is not a JSON Web Token (three base64url parts separated by dots).');
    onSignedIn({ token, principalId: subjectOf(token) });
  }

  return (
    <main id="main" className="sign-in">
      <h1>Sign in to the need-to-know console</h1>
      <p>The token stays in this tab only: closing the tab signs you out.</p>
      {error ? <p role="alert" className="errors">{error}</p> : null}
      {development ? (
        <form onSubmit={(e) => void pick(e)} aria-labelledby="dev-title">
          <h2 id="dev-title">Development: choose a demo principal</h2>
          <fieldset>
            <legend>Principal</legend>
            {DEMO_PRINCIPALS.map((p) => (
              <label key={p.id} className="choice">
                <input type="radio" name="principal" value={p.id} checked={principal === p.id} onChange={() => setPrincipal(p.id)} />
                <code>{p.id}</code> — {p.what}
              </label>
            ))}
          </fieldset>
          <button type="submit">Sign in as {principal}</button>
        </form>
      ) : null}
      <form onSubmit={paste} aria-labelledby="token-title">
        <h2 id="token-title">{development ? 'Or paste a bearer token' : 'Paste your bearer token'}</h2>
        <label htmlFor="token">Bearer token</label>
        <textarea id="token" value={pasted} onChange={(e) => setPasted(e.target.value)} rows={3} autoComplete="off" spellCheck={false} />
        <button type="submit">Sign in with this token</button>
      </form>
    </main>
  );
}
