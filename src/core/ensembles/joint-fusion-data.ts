/**
 * Joint late fusion data interface (§5): one dense softmax layer over the concatenated model
 * outputs. Training belongs to the model code; here are the input builder and a pure forward pass.
 */
import { checkSameShape, type ProbabilityMatrix } from './weighted';

/** A dense layer as plain arrays: kernel is [inputDim][outputDim] (the Keras/tfjs layout), bias is [outputDim]. */
export interface DenseLayer {
  readonly kernel: readonly (readonly number[])[];
  readonly bias: readonly number[];
}

/**
 * Per clip, the models' probability vectors concatenated model by model:
 * [model 0 class 0…C−1, model 1 class 0…C−1, …] (length models × classes).
 */
export function buildJointFusionInput(models: readonly ProbabilityMatrix[]): number[][] {
  const [clips] = checkSameShape(models);
  return Array.from({ length: clips }, (_, i) => models.flatMap((m) => m[i]!));
}

/** Numerically stable softmax. */
export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const sum = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / sum);
}

/** softmax(x · kernel + bias) for one input row. */
export function jointFusionForward(input: readonly number[], layer: DenseLayer): number[] {
  const { kernel, bias } = layer;
  if (kernel.length !== input.length) throw new TypeError(`jointFusionForward: kernel has ${kernel.length} rows, input has ${input.length} values`);
  kernel.forEach((row, i) => {
    if (row.length !== bias.length) throw new TypeError(`jointFusionForward: kernel row ${i} has ${row.length} columns, bias has ${bias.length}`);
  });
  const logits = bias.map((b, o) => input.reduce((s, x, i) => s + x * kernel[i]![o]!, b));
  return softmax(logits);
}
