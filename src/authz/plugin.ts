import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import './global-types.js';
import { authorizeStep } from './authorize-step.js';
import { decideFieldStep } from './field-step.js';
import { guardRowsStep } from './guard-rows-step.js';
import type { Authorize, Resolver } from './step-types.js';
import { Subjects } from './subjects.js';

export { authorizedTarget } from './targets.js';

/**
 * The one decision point (docs/architecture.md): wraps the resolver of every field that carries
 * personal data, guards a root list or acts, asks the request's Access, and hands every decision
 * to the request's collector, so what is logged is exactly what was decided. Its steps are files of
 * their own: a field (field-step.ts), a guarded root list or lookup (guard-rows-step.ts), an act
 * (authorize-step.ts). Fields with nothing to decide are not wrapped at all.
 */
export class AuthzPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  private readonly subjects = new Subjects(this.buildCache);

  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const { categoryFrom } = fieldConfig.pothosOptions;
    const category = fieldConfig.pothosOptions.category ?? fieldConfig.pothosOptions.authorize?.category;
    if (!categoryFrom && !category) return fieldConfig;
    const special = category && this.builder.options.authz?.specialCategories?.has(category) ? ', special category (R16)' : '';
    // The printed schema shows each field's category, so front-end teams and auditors can read it.
    const note = categoryFrom
      ? `Data category: the one named by \`${categoryFrom}\` beside it, decided for each value.`
      : `Data category: ${category}${special}.`;
    return {
      ...fieldConfig,
      description: fieldConfig.description ? `${fieldConfig.description}\n\n${note}` : note,
      extensions: { ...fieldConfig.extensions, ...(categoryFrom ? { categoryFrom } : { category }) },
    };
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>, fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const { category, categoryFrom, authorize, guardRows } = fieldConfig.pothosOptions;
    const subjectOf = () => this.subjects.decidedSubject(fieldConfig.parentType);
    // The plugin is only registered with builders whose context is an AuthzContext (schema/builder.ts).
    let wrapped = resolver as Resolver;
    if (guardRows) wrapped = guardRowsStep(wrapped, guardRows, this.subjects);
    if (authorize) wrapped = authorizeStep(wrapped, authorize as unknown as Authorize, fieldConfig.name, this.subjects);
    if (category) wrapped = decideFieldStep(wrapped, fieldConfig.name, () => category, subjectOf);
    if (categoryFrom) wrapped = decideFieldStep(wrapped, fieldConfig.name, (parent) => String((parent as Record<string, unknown>)[categoryFrom]), subjectOf);
    return wrapped as GraphQLFieldResolver<unknown, Types['Context'], object>;
  }

  override afterBuild(schema: GraphQLSchema): GraphQLSchema {
    this.subjects.markBuilt();
    return schema;
  }
}

SchemaBuilder.registerPlugin('authz', AuthzPlugin);
