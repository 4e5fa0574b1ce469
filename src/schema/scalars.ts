import { GraphQLError, Kind } from 'graphql';
import type { Builder } from './builder.js';

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

export function addScalars(builder: Builder): void {
  builder.scalarType('DateTime', {
    description: 'An instant, ISO 8601 with time zone.',
    serialize: (d) => (d instanceof Date ? d : new Date(d as string)).toISOString(),
    parseValue: (v) => {
      const d = typeof v === 'string' ? new Date(v) : new Date(NaN);
      if (Number.isNaN(d.getTime())) throw badInput('DateTime must be an ISO 8601 instant');
      return d;
    },
  });
  builder.scalarType('Date', {
    description: 'A calendar date, YYYY-MM-DD.',
    serialize: (d) => ((d as unknown) instanceof Date ? (d as unknown as Date).toISOString().slice(0, 10) : String(d)),
    parseValue: (v) => {
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) {
        throw badInput('Date must be YYYY-MM-DD');
      }
      return v;
    },
  });
  builder.scalarType('JSON', {
    description: 'Arbitrary JSON (packed CASL rules, register snapshots).',
    serialize: (v) => v,
    parseValue: (v) => v,
    parseLiteral: (ast) => {
      if (ast.kind === Kind.STRING) return ast.value;
      throw badInput('JSON literals must be passed as variables');
    },
  });
}
