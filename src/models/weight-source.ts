/**
 * Where weights come from. A `WeightSource` reads files by a path relative to a models root
 * (`face-api/tiny_face_detector_model-weights_manifest.json`, `human/centernet.json`). The browser
 * uses {@link urlWeightSource} with a relative base URL (`models/`) so the build works under any
 * path; Node tools use the file source in `src/node/`.
 */
import * as tf from '@tensorflow/tfjs';

/** Reads weight files by path relative to a models root. */
export interface WeightSource {
  /** Human-readable origin, used in error messages (a URL or folder). */
  readonly description: string;
  /** The bytes of one file; rejects if it cannot be read. */
  readBytes(relPath: string): Promise<ArrayBuffer>;
}

/** A weight source served over HTTP: `base` may be relative (`models/`), resolved by `fetch`. */
export function urlWeightSource(base = 'models/', fetchFn: typeof fetch = (...a) => fetch(...a)): WeightSource {
  const root = base.endsWith('/') ? base : `${base}/`;
  return Object.freeze({
    description: root,
    async readBytes(relPath: string): Promise<ArrayBuffer> {
      const url = root + relPath;
      const res = await fetchFn(url);
      if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
      return res.arrayBuffer();
    },
  });
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

async function readJson<T>(source: WeightSource, relPath: string): Promise<T> {
  const bytes = await source.readBytes(relPath);
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}

function concat(buffers: ArrayBuffer[]): ArrayBuffer {
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out.buffer;
}

async function readGroups(
  source: WeightSource,
  dir: string,
  manifest: tf.io.WeightsManifestConfig,
): Promise<{ specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer }> {
  const specs = manifest.flatMap((g) => g.weights);
  const paths = manifest.flatMap((g) => g.paths.map((p) => dir + p));
  const buffers = await Promise.all(paths.map((p) => source.readBytes(p)));
  return { specs, data: concat(buffers) };
}

/**
 * Reads a tfjs weights manifest (face-api's `*-weights_manifest.json`) and its shards into a
 * named tensor map. The caller owns the tensors (face-api's `loadFromWeightMap` takes them over).
 */
export async function loadWeightMap(source: WeightSource, manifestPath: string): Promise<tf.NamedTensorMap> {
  const manifest = await readJson<tf.io.WeightsManifestConfig>(source, manifestPath);
  const { specs, data } = await readGroups(source, dirOf(manifestPath), manifest);
  return tf.io.decodeWeights(data, specs);
}

/** Loads a tfjs graph model (`model.json` + shards) through a weight source. */
export async function loadGraphModel(source: WeightSource, modelJsonPath: string): Promise<tf.GraphModel> {
  const json = await readJson<tf.io.ModelJSON>(source, modelJsonPath);
  const { specs, data } = await readGroups(source, dirOf(modelJsonPath), json.weightsManifest);
  const handler: tf.io.IOHandler = {
    load: async () => ({
      modelTopology: json.modelTopology,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      signature: json.signature,
      userDefinedMetadata: json.userDefinedMetadata,
      modelInitializer: json.modelInitializer,
      weightSpecs: specs,
      weightData: data,
    }),
  };
  return tf.loadGraphModel(handler);
}
