/**
 * Node-only: the tfjs WASM backend for CLI tools, training and unit tests
 * (`@tensorflow/tfjs-node` does not install here; WASM-SIMD is the fast option).
 * Never import this from browser code.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { setFaceApiLoader } from '../models/face-api/face-api-module';
import { installConv3dInputGradient } from './wasm-conv3d-gradient';

const require = createRequire(import.meta.url);

/** Folder holding the tfjs WASM binaries inside node_modules (with a trailing slash). */
export function wasmDistDir(): string {
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
}

let ready: Promise<string> | undefined;

/**
 * Sets up tfjs on the WASM backend in Node (idempotent) and points the face-api models at
 * face-api's `node-wasm` build, which shares Node's tfjs instance. Resolves to the backend name.
 */
export function initNodeBackend(): Promise<string> {
  ready ??= (async () => {
    setFaceApiLoader(async () => require('@vladmandic/face-api/dist/face-api.node-wasm.js') as unknown);
    setWasmPaths(wasmDistDir());
    const ok = await tf.setBackend('wasm');
    if (!ok) throw new Error('tfjs: could not initialise the wasm backend');
    await tf.ready();
    installConv3dInputGradient();
    return tf.getBackend();
  })();
  return ready;
}
