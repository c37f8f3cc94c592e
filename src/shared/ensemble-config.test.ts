import { describe, expect, it } from 'vitest';
import { answerOf, checkEnsembleConfig, clipFamiliarity, footageFamiliarity, readsGeneral, unfamiliarAnswer, VOICE_WEIGHED_NOTE, withVoiceNote, type EnsembleConfig } from './ensemble-config';

const choice = { temperature: 1.5, unseenAccuracy: 0.5, perClassRecall: [0.5, null, 0.5, 0.5, 0.5, 0.5, 0.5] };
const base: EnsembleConfig = {
  version: 2,
  models: ['a', 'b', 'speech', 'a-cal'],
  ensembles: {
    average: { kind: 'average', members: ['a', 'b'] },
    audioVisualCal: { kind: 'audioVisual', visual: { kind: 'average', members: ['a-cal', 'b'] }, speech: 'speech', speechWeight: 0.4 },
  },
  answer: { alone: { name: 'average', ...choice }, calibrated: { name: 'audioVisualCal', ...choice, unseenAccuracy: 0.7 }, uncertainBelow: 0.4 },
  chosenOn: 'test',
};

describe('ensemble.json', () => {
  it('gives the answer alone or calibrated, with the members it reads and a sentence with its unseen-actor accuracy', () => {
    expect(answerOf(base)).toMatchObject({ name: 'average', members: ['a', 'b'], calibrated: false });
    expect(answerOf(base).why).toMatch(/on people they had never seen, they were right on 50 % of clips/);
    expect(answerOf(base, true)).toMatchObject({ name: 'audioVisualCal', members: ['a-cal', 'b', 'speech'], calibrated: true });
    expect(answerOf(base, true).why).toMatch(/Calibrated.*70 %/);
    const { calibrated: _, ...aloneOnly } = base.answer;
    expect(answerOf({ ...base, answer: aloneOnly }, true).name).toBe('average');
  });

  it('measures familiarity only with a model and a vector of its size, and checks the models', () => {
    const scene = { mean: [0, 0], scale: [1, 1], threshold: 2 };
    const config = { ...structuredClone(base), familiarity: { scene } };
    expect(clipFamiliarity(config, 'scene', [1, 1])).toEqual({ score: 0.5, familiar: true });
    expect(clipFamiliarity(config, 'scene', [6, 6])).toEqual({ score: 3, familiar: false });
    expect(clipFamiliarity(config, 'speech', [6, 6])).toBeNull(); // no speech model shipped
    expect(clipFamiliarity(base, 'scene', [6, 6])).toBeNull();
    expect(clipFamiliarity(config, 'scene', null)).toBeNull();
    expect(clipFamiliarity(config, 'scene', [1])).toBeNull();
    expect(checkEnsembleConfig(structuredClone(config)).familiarity).toEqual({ scene });
    expect(() => checkEnsembleConfig({ ...structuredClone(base), familiarity: { scene: { mean: [0], scale: [1], threshold: -1 } } })).toThrow(/familiarity.scene/);
  });

  it('judges a clip by its scene, the person filmed and their voice: unfamiliar when any is, and says which', () => {
    const scene = { mean: [0, 0], scale: [1, 1], threshold: 2 };
    const face = { mean: [0, 0, 0], scale: [1, 1, 1], threshold: 1 };
    expect(footageFamiliarity({ scene, face }, { scene: [1, 1], face: [0.5, 0.5, 0.5] })).toEqual({ score: 0.5, familiar: true, unlike: [] });
    expect(footageFamiliarity({ scene, face }, { scene: [1, 1], face: [3, 3, 3] })).toEqual({ score: 3, familiar: false, unlike: ['person'] });
    expect(footageFamiliarity({ scene, face }, { scene: [6, 6], face: [3, 3, 3] })).toEqual({ score: 3, familiar: false, unlike: ['scene', 'person'] });
    // Without a face model (older ensemble.json) or an embedding (none ran), the scene alone decides.
    expect(footageFamiliarity({ scene }, { scene: [6, 6], face: [0, 0, 0] })).toEqual({ score: 3, familiar: false, unlike: ['scene'] });
    expect(footageFamiliarity({ scene, face }, { scene: [1, 1], face: null })).toEqual({ score: 0.5, familiar: true, unlike: [] });
    expect(footageFamiliarity(undefined, { scene: [1, 1], face: [0, 0, 0] })).toBeNull();
    expect(footageFamiliarity({ scene, face }, { scene: null, face: null })).toBeNull();
    expect(() => checkEnsembleConfig({ ...structuredClone(base), familiarity: { scene, face: { mean: [0], scale: [1, 2], threshold: 1 } } })).toThrow(/familiarity.face/);
    // The main face's voice: unlike our actors' speech makes the clip unfamiliar too.
    const speech = { mean: [0], scale: [1], threshold: 1 };
    expect(footageFamiliarity({ scene, face, speech }, { scene: [1, 1], face: [0.5, 0.5, 0.5], voice: [2] })).toEqual({ score: 2, familiar: false, unlike: ['voice'] });
    expect(footageFamiliarity({ scene, face, speech }, { scene: [1, 1], face: [0.5, 0.5, 0.5], voice: [0.25] })).toEqual({ score: 0.5, familiar: true, unlike: [] });
    // No voice passed (silent, or not the main face's) or no speech model: the picture alone decides.
    expect(footageFamiliarity({ scene, face, speech }, { scene: [1, 1], face: [0.5, 0.5, 0.5], voice: null })?.familiar).toBe(true);
    expect(footageFamiliarity({ scene, face }, { scene: [1, 1], face: [0.5, 0.5, 0.5], voice: [2] })?.familiar).toBe(true);
  });

  it('says in words what was unlike the training clips', () => {
    const why = (unlike: Parameters<typeof unfamiliarAnswer>[0]) => unfamiliarAnswer(unlike).why.replace(/\. So emolens answers .*$/, '');
    expect(unfamiliarAnswer(['scene']).name).toBe('general');
    expect(why(['scene'])).toBe('This video is unlike the clips emolens was trained on (another camera, framing or scene)');
    expect(why(['person'])).toBe('The person in this video is unlike the seven actors emolens was trained on');
    expect(why(['voice'])).toBe('The voice in this video is unlike the speech emolens was trained on (a synthetic voice, or a recording unlike ours?)');
    expect(why(['scene', 'person'])).toBe('This video is unlike the clips emolens was trained on (another camera, framing or scene), and so is the person in it');
    expect(why(['voice', 'person'])).toBe('The person in this video is unlike the seven actors emolens was trained on, and so is the voice');
    expect(why(['scene', 'person', 'voice'])).toMatch(/scene\), and so are the person in it and the voice$/);
  });

  it('says the voice was weighed, by a model that has heard Javanese alone, only when the answer hears speech and the clip gave it', () => {
    const calibrated = answerOf(base, true);
    expect(withVoiceNote(calibrated, true).why).toBe(`${calibrated.why} ${VOICE_WEIGHED_NOTE}`);
    expect(VOICE_WEIGHED_NOTE).toMatch(/only heard Javanese/);
    // The voice left out (someone else's, noise, unfamiliar): the why as it was.
    expect(withVoiceNote(calibrated, false)).toBe(calibrated);
    // An answer without a speech member says nothing of a voice.
    expect(withVoiceNote(answerOf(base), true).why).toBe(answerOf(base).why);
  });

  it('refuses answers and fusions that name nothing loaded', () => {
    expect(checkEnsembleConfig(structuredClone(base))).toEqual(base);
    expect(() => checkEnsembleConfig({ ...structuredClone(base), answer: { ...base.answer, alone: { ...choice, name: 'nothing' } } })).toThrow(/answer.alone/);
    expect(() => checkEnsembleConfig({ ...structuredClone(base), ensembles: { x: { kind: 'average', members: ['zzz'] } } })).toThrow(/ensembles.x/);
    expect(() => checkEnsembleConfig({ ...structuredClone(base), version: 1 })).toThrow(/version 2/);
  });

  it('lets a fusion or an answer read `general` (the clip predictor takes it from the records), and says when one does', () => {
    expect(readsGeneral(base)).toBe(false);
    const withGeneral = { ...structuredClone(base), ensembles: { ...structuredClone(base.ensembles), average: { kind: 'average' as const, members: ['a', 'general'] } } };
    expect(checkEnsembleConfig(structuredClone(withGeneral))).toEqual(withGeneral);
    expect(readsGeneral(withGeneral)).toBe(true);
    const answersGeneral = { ...structuredClone(base), answer: { ...base.answer, alone: { ...choice, name: 'general' } } };
    expect(checkEnsembleConfig(structuredClone(answersGeneral)).answer.alone.name).toBe('general');
    expect(readsGeneral(answersGeneral)).toBe(true);
    // Another per-frame baseline is not given to the predictor: no fusion may read it.
    expect(() => checkEnsembleConfig({ ...structuredClone(base), ensembles: { x: { kind: 'average', members: ['a', 'frameAverage'] } } })).toThrow(/ensembles.x/);
  });

  it('the shipped ensemble.json is valid and names both answers', async () => {
    const { readFile } = await import('node:fs/promises');
    const shipped = checkEnsembleConfig(JSON.parse(await readFile('public/trained/ensemble.json', 'utf8')));
    expect(shipped.chosenOn).toMatch(/leave-one-actor-out/);
    expect(shipped.answer.calibrated).toBeDefined();
  });
});
