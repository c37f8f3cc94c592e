/**
 * Decodes a video file's primary audio track to planar float PCM (WebCodecs AudioDecoder through
 * mediabunny), for the speech features (src/core/audio). Browser and worker only.
 */
import { ALL_FORMATS, AudioSampleSink, BlobSource, Input } from 'mediabunny';
import { timelineStart } from './open-video';
import { AVI, sniffBlob } from './container-sniff';
import { aviSoundFile } from './open-avi';
import { readySoundDecoder } from './sound-decoder';

/** Decoded audio: one Float32Array per channel at `sampleRate`. */
export interface DecodedAudio {
  channels: Float32Array[];
  sampleRate: number;
}

/** The outcome: the audio, or why there is none (said to the user as "… so the face models answer alone"). */
export type AudioOutcome = { audio: DecodedAudio } | { audio: null; reason: string };

/** Longest audio read: enough for any clip's speech statistics, bounded memory for long videos. */
const MAX_SECONDS = 120;

/** Reads `blob`'s primary audio track; never throws for a missing or undecodable track. */
export async function decodeAudio(blob: Blob): Promise<AudioOutcome> {
  // mediabunny reads no AVI: its sound is taken out as a file it reads (open-avi.ts).
  if ((await sniffBlob(blob))?.name === AVI) {
    const sound = await aviSoundFile(blob).catch((error: unknown) => ({ reason: `its audio could not be read (${error instanceof Error ? error.message : String(error)})` }));
    if ('reason' in sound) return { audio: null, reason: sound.reason };
    blob = sound.file;
  }
  const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryAudioTrack();
    if (!track) return { audio: null, reason: 'the video has no audio track' };
    if (!(await readySoundDecoder(track))) {
      return { audio: null, reason: `its audio (${track.codec ?? 'unknown codec'}) cannot be decoded in this browser` };
    }
    const channels: Float32Array[][] = Array.from({ length: track.numberOfChannels }, () => []);
    let frames = 0;
    // The PCM starts at the file's start, as the frames' times do (open-video.ts): a voice that
    // starts after it gets silence before it, or it would be heard early against the mouths.
    const start = await timelineStart(input, await input.getPrimaryVideoTrack().catch(() => null));
    for await (const sample of new AudioSampleSink(track).samples(start, start + MAX_SECONDS)) {
      try {
        const offset = Math.round((sample.timestamp - start) * sample.sampleRate);
        if (frames === 0 && offset > 0) {
          for (const parts of channels) parts.push(new Float32Array(offset));
          frames = offset;
        }
        // Encoder priming (MP3, AAC) comes out before the start: not part of the clip (ffmpeg drops it too).
        const skip = Math.min(sample.numberOfFrames, Math.max(0, -offset));
        if (skip === sample.numberOfFrames) continue;
        for (let c = 0; c < sample.numberOfChannels && c < channels.length; c++) {
          const plane = new Float32Array(sample.numberOfFrames - skip);
          sample.copyTo(plane, { planeIndex: c, format: 'f32-planar', frameOffset: skip });
          channels[c]!.push(plane);
        }
        frames += sample.numberOfFrames - skip;
      } finally {
        sample.close();
      }
    }
    const joined = channels.map((parts) => {
      const out = new Float32Array(frames);
      let at = 0;
      for (const p of parts) {
        out.set(p.subarray(0, frames - at), at);
        at += p.length;
      }
      return out;
    });
    return { audio: { channels: joined, sampleRate: track.sampleRate } };
  } catch (error) {
    return { audio: null, reason: `its audio could not be read (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    input.dispose();
  }
}
