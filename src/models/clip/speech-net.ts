/**
 * The speech model (not in the paper, which is visual only; docs/differences-from-the-paper.md):
 * a multinomial logistic regression over the clip's speech features (src/core/audio). It is a clip
 * model like the temporal ones (same files, loader and training tools); the audio-visual ensemble
 * weighs it against the visual models (src/shared/ensemble-config.ts).
 */
import type { PersonScale } from '../../core/calibration/person-normaliser';
import * as tf from '@tensorflow/tfjs';
import { SPEECH_FEATURE_LENGTH } from '../../core/audio/speech-features';
import { buildClassifierNet, type ClassifierHead } from './temporal-pyramid';

/** Architecture of the speech model. */
export interface SpeechConfig extends ClassifierHead {
  readonly kind: 'speech';
  /**
   * Copies trained with consecutive seeds and averaged (absent: 1). Early stopping on one 24-clip
   * actor makes a single copy's accuracy swing by ±4 points with the seed; their mean does not.
   */
  readonly members?: number;
  /** 'person': the features are centred on the mean of the speaker's reference clips. */
  readonly calibration?: 'person';
  /** With `calibration`: also divide by the person's spread (src/core/calibration/person-normaliser.ts). */
  readonly personScale?: PersonScale;
}

/** Builds the (untrained) network over SPEECH_FEATURE_LENGTH inputs. */
export function buildSpeechNet(config: SpeechConfig, seed = 1): tf.LayersModel {
  return buildClassifierNet(SPEECH_FEATURE_LENGTH, config, seed);
}

/**
 * One network averaging the softmax outputs of `nets`, each a single dense softmax layer (after
 * dropout, a no-op at inference) over the same input: the bagged speech model, saved and loaded as
 * any layers model. The caller keeps (and disposes) `nets`.
 */
export function averageClassifierNets(nets: readonly tf.LayersModel[]): tf.LayersModel {
  const first = nets[0];
  if (!first) throw new TypeError('averageClassifierNets: no networks');
  const input = tf.input({ shape: first.inputs[0]!.shape.slice(1) as number[] });
  const outputs = nets.map((net, i) => {
    const dense = net.layers.filter((l) => l.getClassName() === 'Dense');
    if (dense.length !== 1) throw new TypeError(`averageClassifierNets: network ${i} has ${dense.length} dense layers, expected 1`);
    const [kernel, bias] = dense[0]!.getWeights();
    const copy = tf.layers.dense({ units: kernel!.shape[1]!, activation: 'softmax', name: `member_${i}` });
    const out = copy.apply(input) as tf.SymbolicTensor;
    copy.setWeights([kernel!, bias!]);
    return out;
  });
  const output = outputs.length === 1 ? outputs[0]! : (tf.layers.average().apply(outputs) as tf.SymbolicTensor);
  return tf.model({ inputs: input, outputs: output });
}
