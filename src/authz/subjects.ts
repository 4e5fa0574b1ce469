import type { BuildCache, SchemaTypes } from '@pothos/core';
import type { SubjectPerson } from './decide.js';
import { checkedPerson } from './subject-person.js';

export type PersonOf = (parent: unknown) => SubjectPerson | null | undefined;

/** The subject a type's fields are decided on, its object and its person. */
export interface DecidedSubject {
  type: string;
  objectOf: (parent: unknown) => object;
  personOf: PersonOf;
}

interface TypeOptions {
  personOf?: PersonOf;
  decidedAs?: { subject: string; object: (parent: unknown) => object };
}

/**
 * What the schema's object types say about their subjects: the person an object is about
 * (`personOf`), and the subject its fields are decided as (`decidedAs`). Looked up once per type.
 */
export class Subjects<Types extends SchemaTypes> {
  private readonly personOfByType = new Map<string, PersonOf>();
  private readonly personIdOfByType = new Map<string, (parent: unknown) => string | null>();
  private built = false;

  constructor(private readonly buildCache: BuildCache<Types>) {}

  /** From now on every type is known: an answer for a type without options is final. */
  markBuilt(): void {
    this.built = true;
  }

  /**
   * The person an object of `type` is about, checked to carry what decisions need (fail-closed).
   * Subjects that are not GraphQL types (AccessLog) have none: for them the lookup throws, once.
   */
  personOf(type: string): PersonOf {
    let found = this.personOfByType.get(type);
    if (!found) {
      const options = this.optionsOf(type);
      const personOf = options?.personOf;
      found = personOf ? (parent: unknown) => checkedPerson(type, personOf(parent)) : () => null;
      this.personIdOfByType.set(type, personOf ? (parent: unknown) => personOf(parent)?.id ?? null : () => null);
      // While the schema is being built a type may not be known yet: only then is the answer kept open.
      if (options || this.built) this.personOfByType.set(type, found);
    }
    return found;
  }

  /** Only the id of an object's person: for the log of what an act made, decided before it existed. */
  personIdOf(type: string, obj: unknown): string | null {
    if (obj == null) return null;
    this.personOf(type);
    return this.personIdOfByType.get(type)?.(obj) ?? null;
  }

  /** The subject a type's fields are decided on: itself, or what its `decidedAs` option names. */
  decidedSubject(type: string): DecidedSubject {
    const as = this.optionsOf(type)?.decidedAs;
    if (!as) return { type, objectOf: (p) => p as object, personOf: this.personOf(type) };
    return { type: as.subject, objectOf: as.object, personOf: this.personOf(as.subject) };
  }

  private optionsOf(type: string): TypeOptions | undefined {
    try {
      return (this.buildCache.getTypeConfig(type) as { pothosOptions: TypeOptions }).pothosOptions;
    } catch {
      return undefined;
    }
  }
}
