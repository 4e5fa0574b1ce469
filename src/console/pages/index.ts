import type { ConsolePage } from './registry';
import { mePage } from './me';

/** Every page of the console, in navigation order. Add a page: one file in pages/, one line here. */
export const pages: ConsolePage[] = [
  mePage,
];
