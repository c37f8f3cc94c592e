/**
 * `?nets=face`: files are analysed with the face networks alone (Tiny Face, BlazeFace, the
 * expression net, the embedding), so the tracks, the vote and the frame average come out as usual
 * and nothing else does: no CenterNet, FER net, landmarks, general networks, speech or clip models. For checks that
 * read only those, such as the e2e WebGPU test, where SwiftShader spends about a minute compiling
 * each network's shaders. Without it (the default) every network runs.
 */
import type { PerceptionConfig } from '../shared/perception-config';

/** What `?nets=face` turns off. */
export const FACE_NETS_ONLY: Readonly<Partial<PerceptionConfig>> = Object.freeze({ personNet: false, ferNet: false, landmarksNet: false, generalNets: false });

/** The perception settings the page's query asks for files: FACE_NETS_ONLY, or null for every network. */
export function fileNetsOf(search: string): Readonly<Partial<PerceptionConfig>> | null {
  return new URLSearchParams(search).get('nets') === 'face' ? FACE_NETS_ONLY : null;
}

/**
 * A folder's clips: every analysed frame's faces also get the face embedding averaged with their
 * mirror image's (FaceRecord.groupingEmbedding). A folder groups its clips by each main track's mean
 * grouping embedding, and on compressed footage that mean needs a descriptor on every frame to be
 * steady (docs/calibration.md: 240×180 at crf 36, small folders pure in 52–70 % of draws with one
 * every frame, 10–35 % once a second) and the mirror average to hold a person's clips together
 * (160×120 at crf 36: see "Mirror-averaged embeddings"). It costs the embedding net twice a face a
 * frame (~21 ms each on WASM), paid by folders only and run beside the general networks (on their
 * own thread on WASM: src/pipeline/general-nets.ts); the tracker's plain embedding keeps a single
 * file's cadence, so a folder clip's tracks and familiarity are the single file's.
 */
export const FOLDER_CLIP_PERCEPTION: Readonly<Partial<PerceptionConfig>> = Object.freeze({ mirrorEmbedding: true });

/** The perception settings of one file's analysis: the query's networks, and a folder clip's grouping embedding. */
export function filePerception(nets: Readonly<Partial<PerceptionConfig>> | null, inFolder: boolean): Partial<PerceptionConfig> | null {
  return nets || inFolder ? { ...nets, ...(inFolder ? FOLDER_CLIP_PERCEPTION : {}) } : null;
}
