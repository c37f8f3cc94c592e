/** How an error crosses a thread boundary (both worker protocols carry it); made and rebuilt by src/pipeline/worker/wire-error.ts. */

/** An error as it crosses the thread boundary. */
export interface WireError {
  name: string;
  message: string;
  emolens: boolean;
}
