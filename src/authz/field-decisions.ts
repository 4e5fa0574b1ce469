import type { Decision } from './reasons.js';

/** A read decision on one (object, category) of a request, and where it was logged. */
export interface FieldRead {
  decision: Decision;
  /** The log row's field list: the object's later fields under this category are added to it. */
  fields: { add(field: string): unknown };
  /** Denied, but breaking the glass would allow it (issue 20). */
  breakGlassAvailable?: boolean;
}

/**
 * The read decisions of one request, per object and category. An object's fields mostly share a
 * few categories, and the answer cannot change within a request (its Access is fixed): the first
 * field decides and logs, the others only join its log row.
 */
export class FieldDecisions {
  private readonly byObject = new WeakMap<object, Map<string, FieldRead>>();

  get(object: object, category: string): FieldRead | undefined {
    return this.byObject.get(object)?.get(category);
  }

  set(object: object, category: string, read: FieldRead): void {
    let known = this.byObject.get(object);
    if (!known) {
      known = new Map();
      this.byObject.set(object, known);
    }
    known.set(category, read);
  }
}
