/** How an error crosses a thread boundary (every worker call carries it); made and rebuilt by src/pipeline/worker/wire-error.ts. */

/** An error as it crosses the thread boundary. */
export interface WireError {
  /** Its class name: the receiver rebuilds that class when it knows it. */
  name: string;
  message: string;
  /** One of ours (an EmolensError): its message was written for people. */
  emolens: boolean;
  /** Its own string fields (an UnsupportedCodecError's `codec`, a ModelLoadError's `model`). */
  fields?: Record<string, string>;
}
