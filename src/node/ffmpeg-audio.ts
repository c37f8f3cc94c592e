/** Node-only: a video's first audio stream as planar float PCM at its own rate, via ffprobe + ffmpeg. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { speechInputOfAudio } from '../core/audio/speech-features';

const execFileP = promisify(execFile);

/** Decoded audio: one Float32Array per channel. */
export interface DecodedAudio {
  channels: Float32Array[];
  sampleRate: number;
}

/** The first audio stream of `path`, or null when the file has none. */
export async function readAudioWithFfmpeg(path: string, ffmpegPath = 'ffmpeg', ffprobePath = 'ffprobe'): Promise<DecodedAudio | null> {
  const { stdout } = await execFileP(ffprobePath, ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=sample_rate,channels', '-of', 'json', path]);
  const stream = (JSON.parse(stdout) as { streams?: { sample_rate?: string; channels?: number }[] }).streams?.[0];
  if (!stream) return null;
  const sampleRate = Number(stream.sample_rate);
  const count = stream.channels ?? 1;
  // Native rate and channel count: mixing and resampling happen in src/core/audio, as in the browser.
  const { stdout: pcm } = await execFileP(ffmpegPath, ['-v', 'error', '-i', path, '-map', '0:a:0', '-f', 'f32le', '-acodec', 'pcm_f32le', '-'], {
    encoding: 'buffer',
    maxBuffer: 1 << 30,
  });
  const interleaved = new Float32Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.byteLength / 4));
  const frames = Math.floor(interleaved.length / count);
  const channels = Array.from({ length: count }, (_, c) => Float32Array.from({ length: frames }, (_, i) => interleaved[i * count + c]!));
  return { channels, sampleRate };
}

/**
 * The speech features (src/core/audio/speech-features.ts) of `path`'s first audio stream, as the
 * feature cache stores them; null when it has no audio track, no speech, or a voice under steady noise or music
 * (as the app leaves the speech model out: speechInputOfAudio). Used by `npm run features`
 * and scripts/speech-probe.ts, and to refresh a cache's speech features.
 */
export async function speechFeaturesOfFile(path: string): Promise<Float32Array | null> {
  const audio = await readAudioWithFfmpeg(path);
  return audio && speechInputOfAudio(audio.channels, audio.sampleRate).features;
}
