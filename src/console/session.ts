/**
 * Who is signed in and why they are looking: kept in sessionStorage only (issue 21: never beyond the
 * tab's session), so closing the tab signs out and nothing lands on disk for the next user.
 */
export interface Session {
  token: string;
  /** The principal the token names, for display; the server reads it from the token. */
  principalId: string;
}

export interface Declaration {
  purpose: string;
  justification: string;
}

const SESSION_KEY = 'ntk-console-session';
const DECLARATION_KEY = 'ntk-console-declaration';

function read<T>(key: string): T | null {
  const raw = sessionStorage.getItem(key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export const loadSession = (): Session | null => read<Session>(SESSION_KEY);
export const loadDeclaration = (): Declaration | null => read<Declaration>(DECLARATION_KEY);

export function saveSession(s: Session | null): void {
  if (s) sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
  else {
    sessionStorage.removeItem(SESSION_KEY);
    sessionStorage.removeItem(DECLARATION_KEY);
  }
}

export function saveDeclaration(d: Declaration | null): void {
  if (d) sessionStorage.setItem(DECLARATION_KEY, JSON.stringify(d));
  else sessionStorage.removeItem(DECLARATION_KEY);
}
