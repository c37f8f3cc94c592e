/** Shared lifecycle (load once, dispose twice safely, refuse to run when not loaded). */
import { ModelLoadError, ModelNotReadyError, type Model, type ModelName } from './model';
import type { WeightSource } from './weight-source';

/** Base class: subclasses implement `loadWeights`, `freeWeights` and `run`. */
export abstract class BaseModel<TInput, TOutput, TRunConfig> implements Model<TInput, TOutput, TRunConfig> {
  abstract readonly name: ModelName;
  #loading: Promise<void> | undefined;
  #loaded = false;
  /** Bumped by dispose() so a load that finishes after dispose() frees what it loaded. */
  #generation = 0;

  constructor(protected readonly source: WeightSource) {}

  get loaded(): boolean {
    return this.#loaded;
  }

  load(): Promise<void> {
    if (this.#loading) return this.#loading;
    const generation = this.#generation;
    this.#loading = this.loadWeights().then(
      () => {
        if (generation !== this.#generation) {
          this.freeWeights();
          throw new ModelLoadError(this.name, `The ${this.name} model was disposed while loading`);
        }
        this.#loaded = true;
      },
      (err: unknown) => {
        this.#loading = undefined;
        if (err instanceof ModelLoadError) throw err;
        const why = err instanceof Error ? err.message : String(err);
        throw new ModelLoadError(
          this.name,
          `Could not load the ${this.name} model from ${this.source.description}: ${why}`,
          { cause: err },
        );
      },
    );
    return this.#loading;
  }

  dispose(): void {
    this.#generation++;
    if (this.#loaded) this.freeWeights();
    this.#loaded = false;
    this.#loading = undefined;
  }

  /** Same as dispose(), so callers can write `using model = createModel(...)`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  abstract run(input: TInput, config?: Partial<TRunConfig>): Promise<TOutput>;

  /** Fetch weights and build the network. Throw on any problem. */
  protected abstract loadWeights(): Promise<void>;
  /** Free the network's tensors. Called at most once per successful load. */
  protected abstract freeWeights(): void;

  /** Throws ModelNotReadyError unless loaded. */
  protected assertLoaded(): void {
    if (!this.#loaded) throw new ModelNotReadyError(this.name);
  }
}

/** Fills run-config defaults on a copy, ignoring `undefined` fields. */
export function withDefaults<T extends object>(defaults: T, config: Partial<T> | undefined): T {
  const out = { ...defaults };
  if (config) {
    for (const [k, v] of Object.entries(config)) {
      if (v !== undefined) (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}
