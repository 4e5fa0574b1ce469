import type { ComponentType } from 'react';

/** One page of the console; the shell lists it in the navigation and asks for a purpose before showing it. */
export interface ConsolePage {
  /** The URL under /console/: /console/<path>. */
  path: string;
  title: string;
  /** The navigation's group. */
  group: 'Account' | 'Auditor' | 'DPO' | 'Front-end teams';
  /**
   * The purposes its operations serve. Before the page shows anything the user declares one of
   * them with a justification (R12); empty: the page shows no personal data and needs none.
   */
  purposes: string[];
  /** One sentence for the navigation and the home page. */
  summary: string;
  component: ComponentType;
}
