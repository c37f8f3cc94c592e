import { describe, expect, it } from 'vitest';
import { SPEECH_FEATURE_NAMES, speechFeaturesOfAudio } from '../core/audio/speech-features';
import { probeVideo } from './ffmpeg';
import { readAudioWithFfmpeg } from './ffmpeg-audio';
import { clip, makeSideBySide } from './test-fixtures';

const loudness = (f: Float32Array) => f[SPEECH_FEATURE_NAMES.indexOf('loudnessDb.mean')]!;

describe('audio of our clips (ffmpeg)', () => {
  it('decodes the whole stereo track and measures the speech in it', async () => {
    const path = clip('07-01-06_01.mp4');
    const audio = (await readAudioWithFfmpeg(path))!;
    expect(audio.channels).toHaveLength(2);
    expect(audio.sampleRate).toBe(44100);
    const { durationSec } = await probeVideo(path);
    expect(audio.channels[0]!.length / audio.sampleRate).toBeCloseTo(durationSec, 0);
    const features = speechFeaturesOfAudio(audio.channels, audio.sampleRate)!;
    expect(features[SPEECH_FEATURE_NAMES.indexOf('durationSec')]).toBeCloseTo(audio.channels[0]!.length / audio.sampleRate, 2);
  });

  it('hears anger as louder than the same sentence said neutrally by the same actor', async () => {
    const featuresOf = async (file: string) => {
      const a = (await readAudioWithFfmpeg(clip(file)))!;
      return speechFeaturesOfAudio(a.channels, a.sampleRate)!;
    };
    const [angry, neutral] = await Promise.all([featuresOf('07-01-06_01.mp4'), featuresOf('07-01-01_01.mp4')]);
    expect(loudness(angry) - loudness(neutral)).toBeGreaterThan(6);
  });

  it('answers null for a video without an audio track', async () => {
    const silent = await makeSideBySide(clip('01-01-01_01.mp4'), clip('02-01-01_01.mp4')); // made with -an
    expect(await readAudioWithFfmpeg(silent)).toBeNull();
  });
});
