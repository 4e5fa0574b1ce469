import type { ComponentProps } from 'react';
import type { GraphiQL } from 'graphiql';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

/**
 * POST /graphql on this origin with the headers of GraphiQL's header editor (the picker pre-fills
 * them): what the server answers, denials included, is what GraphiQL shows.
 */
export const fetcher: Fetcher = async (params, options) => {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...options?.headers },
    body: JSON.stringify(params),
  });
  return (await res.json()) as Record<string, unknown>;
};
