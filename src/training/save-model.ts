/** Node-only: saves a layers model as `model.json` + `weights.bin` in a folder (tf.io IOHandler). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { TemporalNetConfig } from '../models/clip/temporal-model';

/** An IOHandler writing `model.json` (with `config` in userDefinedMetadata) and `weights.bin` to `dir`. */
export function folderSaver(dir: string, config: TemporalNetConfig): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      await mkdir(dir, { recursive: true });
      const data = artifacts.weightData instanceof ArrayBuffer ? artifacts.weightData : tf.io.concatenateArrayBuffers(artifacts.weightData as ArrayBuffer[]);
      const json = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
        userDefinedMetadata: { config },
      };
      await writeFile(join(dir, 'weights.bin'), new Uint8Array(data));
      await writeFile(join(dir, 'model.json'), `${JSON.stringify(json)}\n`);
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
}

/** Saves `net` to `dir`. */
export async function saveTemporalNet(net: tf.LayersModel, dir: string, config: TemporalNetConfig): Promise<void> {
  await net.save(folderSaver(dir, config));
}
