import { useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { ConsoleContext, type ConsoleState } from './context';
import { DeclarePurpose } from './declare';
import { pages } from './pages';
import type { ConsolePage } from './pages/registry';
import { loadDeclaration, loadSession, saveDeclaration, saveSession, type Declaration, type Session } from './session';
import { SignIn } from './sign-in';

const BASE = '/console/';

function currentPath(): string {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '';
  return p.replace(/\/$/, '');
}

/** The shell: sign-in, then navigation, the declared purpose, and the page the URL names. */
export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [declaration, setDeclaration] = useState<Declaration | null>(loadDeclaration);
  const [path, setPath] = useState(currentPath);

  useEffect(() => {
    const onPop = () => setPath(currentPath());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((to: string) => {
    history.pushState(null, '', BASE + to);
    setPath(to);
  }, []);
  const declare = useCallback((d: Declaration | null) => { saveDeclaration(d); setDeclaration(d); }, []);
  const signOut = useCallback(() => { saveSession(null); setSession(null); setDeclaration(null); }, []);

  const state = useMemo<ConsoleState | null>(() => session && {
    session, declaration, declare, signOut, navigate, caller: { token: session.token, declaration },
  }, [session, declaration, declare, signOut, navigate]);

  useEffect(() => {
    const page = pages.find((p) => p.path === path);
    document.title = `${page ? page.title : 'Home'} — need-to-know console`;
  }, [path]);

  if (!state) return <SignIn onSignedIn={(s) => { saveSession(s); setSession(s); }} />;
  const page = pages.find((p) => p.path === path) ?? null;
  return (
    <ConsoleContext.Provider value={state}>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand">Need-to-know console</span>
        <span className="who">Signed in as <strong data-testid="principal">{state.session.principalId}</strong></span>
        {declaration ? (
          <span className="declared" data-testid="declared">
            Purpose <code>{declaration.purpose}</code> — “{declaration.justification}”
            <button type="button" className="link" onClick={() => declare(null)}>change</button>
          </span>
        ) : <span className="declared">No purpose declared</span>}
        <button type="button" onClick={signOut}>Sign out</button>
      </header>
      <div className="layout">
        <Navigation current={path} navigate={navigate} />
        <main id="main" tabIndex={-1}>
          {page ? <PageView key={page.path} page={page} declaration={declaration} /> : <Home navigate={navigate} />}
        </main>
      </div>
    </ConsoleContext.Provider>
  );
}

function PageView({ page, declaration }: { page: ConsolePage; declaration: Declaration | null }) {
  if (page.purposes.length > 0 && (!declaration || !page.purposes.includes(declaration.purpose))) {
    return <DeclarePurpose purposes={page.purposes} pageTitle={page.title} />;
  }
  const Page = page.component;
  return <Page />;
}

function link(navigate: (p: string) => void, to: string) {
  return (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
}

function Navigation({ current, navigate }: { current: string; navigate: (p: string) => void }) {
  const groups = [...new Set(pages.map((p) => p.group))];
  return (
    <nav aria-label="Console pages">
      <a href={BASE} onClick={link(navigate, '')} aria-current={current === '' ? 'page' : undefined}>Home</a>
      {groups.map((g) => (
        <div key={g} className="nav-group">
          <h2>{g}</h2>
          <ul>
            {pages.filter((p) => p.group === g).map((p) => (
              <li key={p.path}>
                <a href={BASE + p.path} onClick={link(navigate, p.path)} aria-current={current === p.path ? 'page' : undefined}>{p.title}</a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function Home({ navigate }: { navigate: (p: string) => void }) {
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">Console</h1>
      <p>Every view here is a persisted operation of the API, answered by its decision point and written to the access log. A denial is shown with its reason.</p>
      <ul className="cards">
        {pages.map((p) => (
          <li key={p.path}>
            <a href={BASE + p.path} onClick={link(navigate, p.path)}>{p.title}</a>
            <span> — {p.summary}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
