import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOISY_BELOW_DB } from '../core/audio/background-noise';
import { SPEECH_FEATURE_NAMES, speechFeaturesOfAudio, speechInputOfAudio } from '../core/audio/speech-features';
import { probeVideo } from './ffmpeg';
import { readAudioWithFfmpeg, speechFeaturesOfFile } from './ffmpeg-audio';
import { clip, makeSideBySide } from './test-fixtures';
import { meanSoundDb, musicUnderArgs, noiseUnderArgs } from './unfamiliar-footage';

const feature = (f: Float32Array, name: string) => f[SPEECH_FEATURE_NAMES.indexOf(name)]!;

/** The speech model's input from `path`'s own soundtrack. */
async function cleanInput(path: string) {
  const audio = (await readAudioWithFfmpeg(path))!;
  return speechInputOfAudio(audio.channels, audio.sampleRate).features;
}

/**
 * The speech model's input from copies of `path` with a sound laid `underDb` under its mean level by
 * ffmpeg (`argsOf`: unfamiliar-footage's noise or music), and each copy's file.
 */
function underVoice(path: string, argsOf: (clipDb: number, underDb: number) => string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'emolens-under-'));
  return async (underDb: number) => {
    const file = join(dir, `under-${underDb}.mp4`);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', path, ...argsOf(meanSoundDb(path), underDb), file]);
    const audio = (await readAudioWithFfmpeg(file))!;
    return { ...speechInputOfAudio(audio.channels, audio.sampleRate), file };
  };
}

describe('audio of our clips (ffmpeg)', () => {
  it('decodes the whole stereo track and measures the speech in it', async () => {
    const path = clip('07-01-06_01.mp4');
    const audio = (await readAudioWithFfmpeg(path))!;
    expect(audio.channels).toHaveLength(2);
    expect(audio.sampleRate).toBe(44100);
    const { durationSec } = await probeVideo(path);
    expect(audio.channels[0]!.length / audio.sampleRate).toBeCloseTo(durationSec, 0);
    const features = speechFeaturesOfAudio(audio.channels, audio.sampleRate)!;
    expect(feature(features, 'activeFraction')).toBeGreaterThan(0.3); // a sentence, with pauses
    expect(feature(features, 'activeFraction')).toBeLessThan(1);
    expect(feature(features, 'pitchedFraction')).toBeGreaterThan(0.3);
    expect([...(await speechFeaturesOfFile(path))!]).toEqual([...features]);
  });

  it('hears anger as brighter and higher than the same sentence said neutrally by the same actor', async () => {
    const featuresOf = async (file: string) => {
      const a = (await readAudioWithFfmpeg(clip(file)))!;
      return speechFeaturesOfAudio(a.channels, a.sampleRate)!;
    };
    const [angry, neutral] = await Promise.all([featuresOf('07-01-06_01.mp4'), featuresOf('07-01-01_01.mp4')]);
    // Over all 28 such pairs of our clips: brighter in 28, higher in 26.
    expect(feature(angry, 'spectralCentroidHz.p50') / feature(neutral, 'spectralCentroidHz.p50')).toBeGreaterThan(1.2);
    expect(feature(angry, 'pitchSemitones.median') - feature(neutral, 'pitchSemitones.median')).toBeGreaterThan(4);
  });

  it('leaves the speech model out when steady noise is laid under the voice (ffmpeg), and keeps it under faint noise', async () => {
    const path = clip('04-01-03_01.mp4');
    const inputOf = underVoice(path, noiseUnderArgs);
    expect(await cleanInput(path)).not.toBeNull();
    // Pink noise 10 dB under the clip's mean level: a street or a fan (this clip reads ~13 dB, our clean clips 42 or more).
    const noisy = await inputOf(10);
    expect(noisy.features).toBeNull();
    expect(noisy.note).toMatch(/^the voice stands only \d+ dB above the steady noise under it/);
    expect(await speechFeaturesOfFile(noisy.file)).toBeNull();
    // 35 dB under: a quiet room's hiss, heard as clean.
    expect((await inputOf(35)).features).not.toBeNull();
  });

  it('leaves the speech model out when music plays under the voice (ffmpeg), and keeps it when the music is far below', async () => {
    // Music never leaves every band quiet as steady noise does (the median band reads it as clean), but
    // its held chords, bass and beat keep some band from ever falling silent, where a voice alone does.
    const path = clip('06-01-01_01.mp4'); // the steadiest band of our 168 clips (39.3 dB): the nearest to the line
    const inputOf = underVoice(path, musicUnderArgs);
    expect(await cleanInput(path)).not.toBeNull();
    const music = await inputOf(10);
    expect(music.features).toBeNull();
    expect(music.overNoiseDb).toBeGreaterThan(NOISY_BELOW_DB); // not steady noise: the noise line alone let it through
    expect(music.note).toMatch(/^music or another sound \(a hum, an engine\) plays without a pause in the soundtrack/);
    expect((await inputOf(40)).features).not.toBeNull();
  });

  it('answers null for a video without an audio track', async () => {
    const silent = await makeSideBySide(clip('01-01-01_01.mp4'), clip('02-01-01_01.mp4')); // made with -an
    expect(await readAudioWithFfmpeg(silent)).toBeNull();
  });
});
