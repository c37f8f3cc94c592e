/**
 * The speech model (not in the paper, which is visual only; README "Differences from the paper"):
 * a multinomial logistic regression over the clip's speech features (src/core/audio). It is a clip
 * model like the temporal ones (same files, loader and training tools); the audio-visual ensemble
 * weighs it against the visual models (ensemble-config.ts).
 */
import type * as tf from '@tensorflow/tfjs';
import { SPEECH_FEATURE_LENGTH } from '../../core/audio/speech-features';
import { buildClassifierNet, type ClassifierHead } from '../temporal/temporal-pyramid';

/** Architecture of the speech model. */
export interface SpeechConfig extends ClassifierHead {
  readonly kind: 'speech';
}

/** Builds the (untrained) network over SPEECH_FEATURE_LENGTH inputs. */
export function buildSpeechNet(config: SpeechConfig, seed = 1): tf.LayersModel {
  return buildClassifierNet(SPEECH_FEATURE_LENGTH, config, seed);
}
