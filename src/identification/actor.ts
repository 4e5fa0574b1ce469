import type { Actor } from '../staff/designations.js';

export type { Actor };

/** Who acts, and when: the request's principal and clock, as the services take them. */
export const actorOf = (ctx: { principal: { id: string }; now: Date }): Actor => ({ id: ctx.principal.id, now: ctx.now });
