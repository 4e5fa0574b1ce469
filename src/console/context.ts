import { createContext, useContext } from 'react';
import type { Caller } from './api/client';
import type { Declaration, Session } from './session';

/** The signed-in user, the purpose and justification they declared, and how to change either. */
export interface ConsoleState {
  session: Session;
  declaration: Declaration | null;
  declare: (d: Declaration | null) => void;
  signOut: () => void;
  caller: Caller;
  navigate: (path: string) => void;
}

export const ConsoleContext = createContext<ConsoleState | null>(null);

export function useConsole(): ConsoleState {
  const state = useContext(ConsoleContext);
  if (!state) throw new Error('useConsole outside the console shell');
  return state;
}
