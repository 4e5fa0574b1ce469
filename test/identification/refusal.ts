import type { GraphQLError } from 'graphql';

/** The refusal a check throws: BAD_USER_INPUT naming the field, or null when it passes. */
export function refusal(check: () => void): { field: unknown; message: string } | null {
  try {
    check();
    return null;
  } catch (e) {
    const err = e as GraphQLError;
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
    return { field: err.extensions.field, message: err.message };
  }
}
