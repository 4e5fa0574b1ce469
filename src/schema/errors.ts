import { GraphQLError } from 'graphql';

/** Invalid arguments: names the field at fault (BAD_USER_INPUT in docs/api.md). */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field } });
}
