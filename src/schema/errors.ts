import { GraphQLError } from 'graphql';

/** Invalid arguments: names the field at fault (API.md BAD_USER_INPUT). */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field } });
}
