/** An operation read from an integrator's file, before it is reviewed into schema/operations/. */
export interface ImportedOperation {
  /** The operation's name, as the tool lists it (checked against the document at import). */
  name: string;
  type?: unknown;
  /** The document exactly as the tool wrote it. */
  body: string;
  /** The id the tool gave it (hex, without a `sha256:` prefix). */
  id: string;
  format: string;
}
