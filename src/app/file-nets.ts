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
