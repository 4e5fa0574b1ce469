import type { Decision } from './reasons.js';

/**
 * The read decisions of one request, per object and category. An object's fields mostly share a
 * few categories, and the answer cannot change within a request (its Access is fixed).
 */
export class FieldDecisions {
  private readonly byObject = new WeakMap<object, Map<string, Decision>>();

  get(object: object, category: string, decide: () => Decision): Decision {
    let known = this.byObject.get(object);
    if (!known) {
      known = new Map();
      this.byObject.set(object, known);
    }
    let d = known.get(category);
    if (!d) {
      d = decide();
      known.set(category, d);
    }
    return d;
  }
}
