/**
 * Issue 29 on real pictures and voices: composites of our clips made with ffmpeg at test time (into
 * the OS temp folder), run through the app's mouth measure (ffmpeg's grey frames at 15 fps, the
 * mouth tracer) and the association. Measured rates over six pairs are in docs/speaker.md; here one
 * pair, every kind of case, the first pair's dubbed clip, and a clip whose own voice speaks against its mouth.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SPEAKER_CONFIG } from '../core/speaker/speaker-association';
import { loadPerceptionModels, type PerceptionModels } from '../pipeline/perception-models';
import { initNodeBackend } from './backend';
import { packageWeightSource } from './file-weight-source';
import { COMPOSITE_PAIRS, handheldCopy, lightSpeaker, makeSpeakerCases, type SpeakerCase } from './speaker-composites';
import { clip } from './test-fixtures';
import { makeUnfamiliar, meanSoundDb, musicBesideArgs, UNFAMILIAR_KINDS } from './unfamiliar-footage';
import { ffmpegOnce } from './ffmpeg';

describe('who speaks, on composites of our clips (issue 29)', () => {
  let models: PerceptionModels;
  let cases: SpeakerCase[];
  let firstPair: SpeakerCase[];
  beforeAll(async () => {
    await initNodeBackend();
    models = await loadPerceptionModels(packageWeightSource());
    const dir = await mkdtemp(join(tmpdir(), 'emolens-speaker-'));
    // The cases' mechanics (left, right, larger, smaller) on a pair whose speakers score well clear of
    // minScore (0.48–0.53): p0's 01-01-03 scores 0.29–0.32 against its own voice, at the line, where
    // one sample decides (it read 0.33 while the clip's first frame counted as a still mouth).
    const [a, b] = COMPOSITE_PAIRS[2]!;
    cases = await makeSpeakerCases(dir, 'p2', clip(a), clip(b));
    const [c, d] = COMPOSITE_PAIRS[0]!;
    firstPair = await makeSpeakerCases(dir, 'p0', clip(c), clip(d));
  }, 180_000);

  it('a silent face (held still) is never credited; the voice goes to the speaker, left or right, larger or smaller', { timeout: 240_000 }, async () => {
    for (const c of cases.filter((x) => x.kind === 'still-other')) {
      const found = await lightSpeaker(models, c.path);
      const silent = found.tracks.filter((t) => t.side !== c.speaker);
      // Held faces move by compression noise only (measured ≤ 0.01 against ≥ 2 for a speaking mouth).
      for (const t of silent) expect(t.mouthStd, `${c.name}: silent track #${t.trackId}`).toBeLessThan(DEFAULT_SPEAKER_CONFIG.minMouthStd);
      expect(found.credited, `${c.name}: score ${found.result.score.toFixed(2)}`).toBe(c.speaker);
    }
  });

  it('both mouths moving, one voice: the heard one or nobody, never the other', { timeout: 240_000 }, async () => {
    for (const c of cases.filter((x) => x.kind === 'both-moving')) {
      const found = await lightSpeaker(models, c.path);
      expect(found.tracks.filter((t) => t.mouthStd >= DEFAULT_SPEAKER_CONFIG.minMouthStd), c.name).toHaveLength(2);
      expect([c.speaker, null], `${c.name}: ${JSON.stringify(found.result.scores)}`).toContain(found.credited);
    }
  });

  it('a small speaker who comes into view after the first frame, beside a large silent face, is found and the silent face never credited', { timeout: 120_000 }, async () => {
    // 03-02-04 opens on a black frame: the search for small faces ran on it alone and, with a large
    // face known from then on, never again (one track, "nobody"); it now looks again after 1 s.
    const [a, b] = COMPOSITE_PAIRS[1]!;
    const late = (await makeSpeakerCases(await mkdtemp(join(tmpdir(), 'emolens-speaker-')), 'p1', clip(a), clip(b))).find((c) => c.name === 'p1-speaker-left-silent-larger')!;
    const found = await lightSpeaker(models, late.path);
    const speaker = found.tracks.find((t) => t.side === 'left');
    expect(found.tracks, JSON.stringify(found.tracks)).toHaveLength(2);
    expect(speaker!.samples).toBeGreaterThanOrEqual(DEFAULT_SPEAKER_CONFIG.minSamples);
    expect(['left', null]).toContain(found.credited);
  });

  it('a mouth whose own voice speaks against it (05-01-05) is nobody: a lone moving mouth needs a score above the silent faces\' noise', { timeout: 60_000 }, async () => {
    const found = await lightSpeaker(models, clip('05-01-05_01.mp4'));
    expect(found.tracks.some((t) => t.mouthStd >= DEFAULT_SPEAKER_CONFIG.minMouthStd)).toBe(true);
    expect(found.result.score).toBeLessThan(DEFAULT_SPEAKER_CONFIG.minScore);
    expect(found.credited).toBeNull();
  });

  it('a clip that opens on black frames keeps its speaker: the jump from black to the picture is the light, not the mouth', { timeout: 60_000 }, async () => {
    // 03-02-04's first picture frame after black read as a mouth sample of 66 (the clip's median 9.5)
    // and the clip's own voice scored 0.20: nobody. 47 of our 168 clips open on black.
    const found = await lightSpeaker(models, clip('03-02-04_01.mp4'));
    const [mouth] = found.series;
    expect(Math.max(...mouth!.mouth)).toBeLessThan(40);
    expect(found.credited, `score ${found.result.score.toFixed(2)}`).not.toBeNull();
  });

  it('a jingle before the person speaks (3 s of music over their still picture, a pause, then the clip) keeps the speaker', { timeout: 60_000 }, async () => {
    // The still mouth under loud music counted against the face that then speaks: 07-01-02 (0.57
    // alone) scored 0.18 with the jingle, nobody. The mouths are now weighed only where a voice can
    // be (SpeechInput.voiceSpanSec: the music cut off at the pause before the voice).
    const source = clip('07-01-02_01.mp4');
    const { input, output } = musicBesideArgs(meanSoundDb(source), 3, 0.3, { picture: true });
    const jingle = await ffmpegOnce(join(await mkdtemp(join(tmpdir(), 'emolens-jingle-')), 'jingle.mp4'), [...input, '-i', source, ...output]);
    const found = await lightSpeaker(models, jingle);
    expect(found.credited, `score ${found.result.score.toFixed(2)}`).not.toBeNull();
  });

  it('a handheld phone’s shake (the picture moving up to 9 px at 2–5 Hz) does not take the speaker away', { timeout: 60_000 }, async () => {
    // Scored 0.20 before the camera's shift was undone (every pixel's change swamped the lips'); 0.53 with it.
    const found = await lightSpeaker(models, await handheldCopy(await mkdtemp(join(tmpdir(), 'emolens-handheld-')), clip('04-03-05_01.mp4')));
    expect(found.tracks).toHaveLength(1);
    expect(found.credited, `score ${found.result.score.toFixed(2)}`).not.toBeNull();
  });

  it('music alone over a speaking face (a clip posted with a song): nobody, since nothing in it is pitched as a voice is', { timeout: 60_000 }, async () => {
    const kind = UNFAMILIAR_KINDS.find((k) => k.name === 'music-alone')!;
    const alone = join(makeUnfamiliar(kind, [['03-02-01_01.mp4']], 'file', await mkdtemp(join(tmpdir(), 'emolens-music-')), clip), 'clips', '03-02-01_01.mp4');
    // Its mouth moves with the music's beats and chords as with a voice: on the loudness alone it was credited (0.39).
    const byLoudness = await lightSpeaker(models, alone, 5, { ...DEFAULT_SPEAKER_CONFIG, minSpokenSec: 0 });
    expect(byLoudness.credited, `score ${byLoudness.result.score.toFixed(2)}`).not.toBeNull();
    expect((await lightSpeaker(models, alone)).result).toMatchObject({ trackId: null, nobody: 'no-voice' });
  });

  // Known limit (docs/speaker.md): the mouth measure cannot tell this clip's own voice from another
  // speaker's saying similar sentences (29 % of such pairs score above minScore). The first pair's
  // dubbed clip (01-01-03's mouth, 02-01-01's voice) scores 0.46: `fails` keeps the limit in sight and
  // turns red once it is fixed.
  it.fails('a clip dubbed with another person\'s voice goes to nobody', { timeout: 60_000 }, async () => {
    const dubbed = firstPair.find((x) => x.kind === 'dubbed')!;
    expect((await lightSpeaker(models, dubbed.path)).credited).toBeNull();
  });
});
