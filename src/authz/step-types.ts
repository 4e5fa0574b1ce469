import type { GraphQLFieldResolver } from 'graphql';
import type { AuthzContext } from './context.js';
import type { AuthorizeOption } from './global-types.js';

/** A resolver as the decision point wraps it: the builder's context is an AuthzContext. */
export type Resolver = GraphQLFieldResolver<unknown, AuthzContext, object>;

/** The options as the steps run them: their argument and context types were checked where the field declares them. */
export type Authorize = AuthorizeOption<object, AuthzContext>;
