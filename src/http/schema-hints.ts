/**
 * In production, error messages must not map the schema that introspection keeps hidden (issue 16,
 * finding 17): graphql-js suggests field, argument, input-field and enum-value names ("Did you
 * mean …?"), names the missing required argument with its type, and names enum types. The caller
 * keeps what it wrote (its field, its value) and the kind of mistake; the schema's names go.
 */
const HINTS: [RegExp, string][] = [
  // " Did you mean "a", "b", or "c"?" and " Did you mean the enum value "A"?"
  [/ ?Did you mean [^?]*\?/g, ' [Suggestion hidden]'],
  // Field "person" argument "id" of type "ID!" is required, but it was not provided.
  [/(Field|Directive) ("[^"]*") argument "[^"]*" of type "[^"]*" is required, but it was not provided\./g, '$1 $2 is missing a required argument.'],
  // Field "ProcessingRecordInput.dataCategories" of required type "[String!]!" was not provided.
  [/Field "[^"]*" of required type "[^"]*" was not provided\./g, 'A required input field was not provided.'],
  // Value "X" does not exist in "AccessLogExportFormat" enum.
  [/(Value "[^"]*") does not exist in "[^"]*" enum\./g, '$1 is not an allowed value.'],
  // Enum "AccessLogExportFormat" cannot represent non-enum value: x.
  [/Enum "[^"]*" cannot represent non-(?:enum|string) value: /g, 'Not an allowed value: '],
];

export function hideSchemaHints(message: string): string {
  let out = message;
  for (const [pattern, replacement] of HINTS) out = out.replace(pattern, replacement);
  return out;
}
