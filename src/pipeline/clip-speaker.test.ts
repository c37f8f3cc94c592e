/** The warning the page and the CLI give when the speech model stays out, in each case. */
import { describe, expect, it } from 'vitest';
import { addFrame, createClipAnalysis, type FaceRecord } from './clip-analysis';
import { nobodyInWords, NO_SPEAKER, speakerScoreInWords, speechNoteFor, type ClipSpeaker } from './clip-speaker';

describe('speechNoteFor', () => {
  it('says nothing when the voice is the main face\'s, or there is no speech', () => {
    expect(speechNoteFor({ trackId: 1, score: 0.5 }, 1, true)).toBeNull();
    expect(speechNoteFor({ trackId: null, score: 0 }, 1, false)).toBeNull();
  });

  it('names the track the voice belongs to when it is another face\'s', () => {
    expect(speechNoteFor({ trackId: 3, score: 0.52 }, 1, true)).toMatch(/track #3's .*score 0\.52.*not the main face #1's/);
  });

  it('in a video that cuts, says when that face is never on screen with the main one (two people in turn, or one person in a much closer shot)', () => {
    const clip = createClipAnalysis(360, 270);
    const face = (tSec: number): FaceRecord => ({ frameIndex: tSec * 5, tSec, box: { x: 100, y: 50, w: 80, h: 90 }, score: 0.9, probs: new Float32Array(7), faceFeature: new Float32Array(1), contextFeature: new Float32Array(1), personBox: null });
    // Track 1 in the first second, track 3 (a closer shot) in the next; then both together.
    for (const t of [0, 0.2, 0.4]) addFrame(clip, [face(t)], [1], t);
    for (const t of [1, 1.2]) addFrame(clip, [face(t)], [3], t, t === 1);
    const apart = /never on screen together in this edited video: two people filmed in turn, or one person in shots too unalike to be joined/;
    expect(speechNoteFor({ trackId: 3, score: 0.52 }, 1, true, clip)).toMatch(apart);
    addFrame(clip, [face(1.4), face(1.4)], [1, 3], 1.4);
    expect(speechNoteFor({ trackId: 3, score: 0.52 }, 1, true, clip)).not.toMatch(apart);
    // Without cuts, two faces never seen together are left as they are (a late second face).
    const uncut = createClipAnalysis(360, 270);
    addFrame(uncut, [face(0)], [1], 0);
    addFrame(uncut, [face(1)], [3], 1);
    expect(speechNoteFor({ trackId: 3, score: 0.52 }, 1, true, uncut)).not.toMatch(apart);
  });

  it('says the voice matched no mouth, or several alike, and not one for the other', () => {
    const none = speechNoteFor({ trackId: null, score: 0.12 }, 1, true)!;
    expect(none).toMatch(/did not move with the main face's mouth \(score 0\.12\)/);
    const tie = speechNoteFor({ trackId: null, score: 0.33, alike: [{ trackId: 1, score: 0.33 }, { trackId: 3, score: 0.3 }] }, 1, true)!;
    expect(tie).toMatch(/moved with 2 mouths alike \(#1 0\.33, #3 0\.30\): whose it is cannot be told/);
    expect(tie).not.toMatch(/did not move/);
    // A weak score just under the line is not written as the line (0.2996 read "score 0.30").
    expect(speechNoteFor({ trackId: null, score: 0.2996, nobody: 'weak', closest: 1 }, 1, true)).toMatch(/\(score 0\.299\)/);
    expect(speakerScoreInWords({ score: 0.2996 })).toBe('0.30');
  });

  it('says why when no mouth could be matched at all: no voice, faces seen too briefly, no mouth moving', () => {
    const note = (nobody: NonNullable<ClipSpeaker['nobody']>) => speechNoteFor({ trackId: null, score: 0, nobody }, 1, true)!;
    expect(note('no-voice')).toMatch(/nobody is heard speaking aloud/);
    expect(note('too-short')).toMatch(/no face's mouth was followed for 0\.8 s or more \(a clip this short, or frames analysed over half a second apart\), too short to tell whose voice it is/);
    expect(note('still')).toMatch(/no mouth in view moved while the voice was heard/);
    for (const nobody of ['no-voice', 'too-short', 'still'] as const) expect(note(nobody)).not.toMatch(/score/);
    expect(speechNoteFor({ trackId: null, score: 0.12, nobody: 'weak' }, 1, true)).toMatch(/did not move with the main face's mouth \(score 0\.12\)/);
    expect(speechNoteFor({ trackId: null, score: 0.29, nobody: 'weak', closest: 1 }, 1, true)).toMatch(/did not move with the main face's mouth \(score 0\.29\)/);
    // A small face's mouth scored 0.29 and the main face held still: the score is not the main face's.
    const other = speechNoteFor({ trackId: null, score: 0.29, nobody: 'weak', closest: 2 }, 1, true)!;
    expect(other).toMatch(/no mouth moved with the voice enough to be its speaker: the closest, track #2's, scored 0\.29 \(under 0\.3\), the main face's less/);
    expect(other).not.toMatch(/main face's mouth \(score/);
  });
});

describe('nobodyInWords', () => {
  it('says why nobody has the voice: no sound at all is not "nobody seen"', () => {
    // A clip whose sound track is missing or undecodable (AC-3 in Chromium) had its face called unseen.
    expect(nobodyInWords(NO_SPEAKER)).toBe('no sound was heard');
    expect(nobodyInWords({ trackId: null, score: 0, nobody: 'no-voice' })).toBe('nobody is heard speaking aloud in the soundtrack (music alone, a whisper, or silence)');
    expect(nobodyInWords({ trackId: null, score: 0.1, nobody: 'weak' })).toBe('no mouth moved with the voice enough');
    expect(nobodyInWords({ trackId: null, score: 0.29, nobody: 'weak', closest: 2 })).toBe('no mouth moved with the voice enough (the closest: #2)');
    expect(nobodyInWords({ trackId: null, score: 0.33, nobody: 'alike', alike: [{ trackId: 1, score: 0.33 }, { trackId: 3, score: 0.3 }] })).toBe('2 mouths moved with the voice alike (#1, #3)');
  });
});
