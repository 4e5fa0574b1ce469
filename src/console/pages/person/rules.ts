import { createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import type { PersonField } from './fields';

export type PersonAbility = MongoAbility<[string, string | object]>;

/** myRules' packed rules as a CASL ability (fields are data categories; inverted rules carry the reason). */
export function abilityFromRules(packed: unknown): PersonAbility {
  return createMongoAbility<PersonAbility>(unpackRules(packed as PackRule<RawRuleOf<PersonAbility>>[]));
}

/**
 * What the page does with a field before asking: `ask` when the rules allow its category (rows may
 * still be refused: the API decides each one), else the reason the rules give.
 */
export function planField(ability: PersonAbility, field: PersonField): { ask: true } | { ask: false; reason: string } {
  if (ability.can('read', 'Person', field.category)) return { ask: true };
  return { ask: false, reason: ability.relevantRuleFor('read', 'Person', field.category)?.reason ?? 'NOT_GRANTED' };
}
