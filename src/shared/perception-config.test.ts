import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PERCEPTION_CONFIG as C,
  carriedVerification,
  embeddingsDue,
  detectionPlan,
  faceInputSize,
  isLargeFace,
  isSearchFace,
  mainFaceIndex,
  mergeDetections,
  personDetectionDue,
  positionsDecide,
  searchInputFor,
  detectorInputCap,
  fullPassDue,
  searchLeads,
  searchWindow,
  smallFaceRecent,
  generalView,
  generalFacesInTurn,
  perceptionFromQuery,
} from './perception-config';

describe('perception config', () => {
  it('uses the small Tiny Face input for small frames only', () => {
    expect(faceInputSize(C, 360, 270)).toBe(320);
    expect(faceInputSize(C, 640, 480)).toBe(320);
    expect(faceInputSize(C, 1280, 720)).toBe(416);
  });

  it('uses the small input only while every previous face is large, and adds the full one every second', () => {
    const A = { ...C, faceInputSizeLargeFaces: 224, largeFaceMinSidePx: 48, fullDetectionIntervalSec: 1 };
    const plan = (w: number, h: number, sides: number[] | undefined, last: number | undefined, t: number, config = A) => detectionPlan(config, w, h, sides, last, t);
    // 640×480 camera: at 224 px a face of 160 px is 56 px (large), one of 120 px is 42 px (small).
    expect(plan(640, 480, [160], 0, 0.5)).toEqual({ small: 224, full: null });
    expect(plan(640, 480, [160, 120], 0, 0.5)).toEqual({ small: null, full: 320 });
    expect(plan(640, 480, [], 0, 0.5)).toEqual({ small: null, full: 320 }); // no face before: look everywhere
    expect(plan(640, 480, undefined, undefined, 0)).toEqual({ small: null, full: 320 }); // first frame
    // A second since the full size ran: both passes, so the known face keeps its small-pass box.
    expect(plan(640, 480, [160], 0, 1)).toEqual({ small: 224, full: 320 });
    expect(plan(640, 480, [160], 2, 1)).toEqual({ small: 224, full: 320 }); // a seek back
    expect(plan(640, 480, [160], 0, 0.5, { ...A, faceInputSizeLargeFaces: 0 })).toEqual({ small: null, full: 320 }); // 0: off
    expect(plan(1280, 720, [300], 0, 0.5)).toEqual({ small: 224, full: null }); // under the large frames' 416
  });

  it('keeps the full input alone for a second after a small face was found, even on frames that miss it', () => {
    const A = { ...C, faceInputSizeLargeFaces: 224, largeFaceMinSidePx: 48, fullDetectionIntervalSec: 1 };
    // The previous frame found only the large face (the small one was missed), but a small face was seen 0.4 s ago.
    expect(detectionPlan(A, 640, 480, [160], 0, 0.6, 320, 0.2)).toEqual({ small: null, full: 320 });
    expect(detectionPlan(A, 640, 480, [160], 0, 1.3, 320, 0.2)).toEqual({ small: 224, full: 320 }); // a second later
    expect(detectionPlan(A, 640, 480, [160], 0, 0.6, 320, 2)).toEqual({ small: 224, full: null }); // a seek back
    expect(smallFaceRecent(A, undefined, 5)).toBe(false);
    expect(smallFaceRecent(A, 4.2, 5)).toBe(true);
    expect(isLargeFace(A, 640, 480, 160)).toBe(true); // 56 px at 224
    expect(isLargeFace(A, 640, 480, 120)).toBe(false); // 42 px
  });

  it('merges two passes: the small pass faces as they are, the full pass new faces added', () => {
    const face = (x: number, w: number) => ({ box: { x, y: 100, w, h: w }, score: 0.9 });
    const small = [face(100, 140)];
    // The same face at another input size (a larger box around it), and a new small face elsewhere.
    const full = [face(90, 165), face(600, 50)];
    expect(mergeDetections(small, full)).toEqual([small[0], full[1]]);
    expect(mergeDetections([], full)).toEqual(full);
    expect(mergeDetections(small, [])).toEqual(small);
  });

  it('runs person detection at most every personIntervalSec, and again after a seek back', () => {
    const P = { ...C, personIntervalSec: 1 };
    expect(personDetectionDue(P, undefined, 0)).toBe(true);
    expect(personDetectionDue(P, 0, 0.2)).toBe(false);
    expect(personDetectionDue(P, 0, 0.9)).toBe(false);
    expect(personDetectionDue(P, 0, 1)).toBe(true);
    expect(personDetectionDue(P, 1, 0.2)).toBe(true);
    expect(personDetectionDue(C, 0, C.personIntervalSec)).toBe(true); // the default's interval
    expect(personDetectionDue({ ...C, personIntervalSec: 0 }, 0.2, 0.2)).toBe(true);
  });

  it('computes embeddings when faces must be told apart, else once per embeddingIntervalSec', () => {
    const E = { ...C, embeddingIntervalSec: 1, embeddingFreeMargin: 0 };
    expect(embeddingsDue(E, 1, 1, 0, 0.2)).toBe(false); // one face, one recent track, checked 0.2 s ago
    expect(embeddingsDue(E, 1, 1, 0, 1)).toBe(true); // a second has passed: re-check identity
    expect(embeddingsDue(E, 2, 1, 0, 0.2)).toBe(true); // two faces
    expect(embeddingsDue(E, 1, 0, 0, 0.2)).toBe(true); // no recent track: a new one needs its embedding
    expect(embeddingsDue(E, 1, 2, 0, 0.2)).toBe(true); // which of two tracks is it?
    expect(embeddingsDue(E, 1, 1, undefined, 0.2)).toBe(true);
    expect(embeddingsDue({ ...E, embeddingIntervalSec: 0 }, 1, 1, 0.2, 0.2)).toBe(true); // the paper: every frame
    expect(embeddingsDue(E, 2, 2, 0, 0.2, true)).toBe(true); // files: several faces always
  });

  it('lets faces that cannot be confused skip the embedding between checks when asked (the camera)', () => {
    const A = { ...C, embeddingIntervalSec: 1, embeddingFreeMargin: 3 };
    expect(embeddingsDue(A, 2, 2, 0, 0.2, true)).toBe(false);
    expect(embeddingsDue(A, 2, 2, 0, 0.2, false)).toBe(true); // close together
    expect(embeddingsDue(A, 2, 1, 0, 0.2, true)).toBe(true); // a new face
    expect(embeddingsDue(A, 2, 2, 0, 1, true)).toBe(true); // the once-a-second check
  });

  it('lets position decide only when each face has a clearly nearest track, a different one each', () => {
    const face = (x: number, y = 100, side = 100) => ({ x, y, w: side, h: side });
    // Two people side by side 180 px apart (1.8 face sizes: inside each other's position gate), each
    // moved 10 px since its track's last box: 0.1 face sizes from its own track, 1.7 from the other.
    const tracks = [face(60), face(240)];
    expect(positionsDecide([face(70), face(250)], tracks, 3)).toBe(true);
    expect(positionsDecide([face(250), face(70)], tracks, 3)).toBe(true); // the order does not matter
    expect(positionsDecide([face(70), face(250)], tracks, 0)).toBe(false); // off (files)
    // Crossing: the first face halfway between the tracks (0.8 and 1.0 face sizes away).
    expect(positionsDecide([face(140), face(250)], tracks, 3)).toBe(false);
    // Both faces nearest the same track; a face beyond the position gate of every track (someone new).
    expect(positionsDecide([face(60), face(100)], [face(60), face(500)], 3)).toBe(false);
    expect(positionsDecide([face(60), face(900)], [face(60), face(500)], 3)).toBe(false);
    // As many faces as tracks only.
    expect(positionsDecide([face(60)], tracks, 3)).toBe(false);
    expect(positionsDecide([face(60), face(240)], [face(60)], 3)).toBe(false);
    // Distances are in the track's face sizes: the same layout at half the scale decides the same.
    expect(positionsDecide([face(35, 50, 50), face(125, 50, 50)], [face(30, 50, 50), face(120, 50, 50)], 3)).toBe(true);
  });

  it("carries a confirmed face's verification over to an overlapping detection for faceVerifyIntervalSec only", () => {
    const A = { ...C, faceVerifyIntervalSec: 1 };
    const confirmed = [
      { box: { x: 100, y: 100, w: 100, h: 100 }, score: 0.9, verifiedSec: 0 },
      { box: { x: 400, y: 100, w: 100, h: 100 }, score: 0.8, verifiedSec: 0.6 },
    ];
    const moved = { x: 110, y: 105, w: 100, h: 100 };
    expect(carriedVerification(A, moved, confirmed, 0.5)).toBe(confirmed[0]);
    expect(carriedVerification(A, { x: 405, y: 100, w: 100, h: 100 }, confirmed, 0.9)).toBe(confirmed[1]);
    expect(carriedVerification(A, moved, confirmed, 1)).toBeNull(); // a second since the verifier ran on it
    expect(carriedVerification(A, { x: 250, y: 100, w: 100, h: 100 }, confirmed, 0.5)).toBeNull(); // overlaps nothing enough
    expect(carriedVerification(A, moved, undefined, 0.5)).toBeNull(); // first frame
    expect(carriedVerification(A, moved, confirmed, -1)).toBeNull(); // a seek back
    expect(carriedVerification({ ...A, faceVerifyIntervalSec: 0 }, moved, confirmed, 0.5)).toBeNull(); // 0: every frame
  });

  it("takes as the main face the one overlapping the main track's last box most, if enough", () => {
    const face = (x: number) => ({ x, y: 100, w: 100, h: 100 });
    expect(mainFaceIndex([face(0), face(300)], face(310))).toBe(1);
    expect(mainFaceIndex([face(0), face(300)], face(20))).toBe(0);
    expect(mainFaceIndex([face(0), face(30)], face(20))).toBe(1); // the larger overlap wins
    expect(mainFaceIndex([face(0), face(300)], face(150))).toBeNull(); // overlaps neither enough (IoU 0 and < 0.3)
    expect(mainFaceIndex([], face(0))).toBeNull();
  });

  it('searches for small faces every second while no face is large, ever less often while one is, and every frame while it finds them', () => {
    expect(C.faceInputSizeSearch).toBe(608);
    // Small frames (read at 320) search at 416: our clips and the camera, while no face is large.
    expect(searchInputFor(C, 360, undefined, undefined, 0)).toBe(416);
    expect(searchInputFor(C, 640, 0, undefined, 0.4, true)).toBeNull();
    expect(searchInputFor({ ...C, faceInputSizeSearchSmallFrames: 0 }, 640, undefined, undefined, 0)).toBeNull();
    expect(searchInputFor(C, 1280, undefined, undefined, 0)).toBe(608); // first HD frame
    expect(searchInputFor(C, 1920, 0, undefined, 0.4)).toBeNull(); // ran 0.4 s ago, found nothing
    expect(searchInputFor(C, 1920, 0, undefined, 1)).toBe(608); // a second later
    expect(searchInputFor(C, 1920, 0.8, 0.4, 1)).toBe(608); // found a small face 0.6 s ago: every frame
    expect(searchInputFor(C, 1920, 0.8, undefined, 1.2)).toBeNull();
    expect(searchInputFor({ ...C, faceInputSizeSearch: 0 }, 1920, undefined, undefined, 0)).toBeNull(); // off
    // A large face known (the vote's winner anyway): the whole frame again after 1 s, then 2, 4, …
    // up to 30 s apart (a face that comes into view later is found), every frame while it was
    // finding a small one.
    expect(searchInputFor(C, 1920, 0, undefined, 1, true)).toBe(608);
    expect(searchInputFor(C, 1920, 1, undefined, 2.5, true, Infinity, 1)).toBeNull();
    expect(searchInputFor(C, 1920, 1, undefined, 3, true, Infinity, 1)).toBe(608);
    expect(searchInputFor(C, 1920, 3, undefined, 6.9, true, Infinity, 2)).toBeNull();
    expect(searchInputFor(C, 1920, 3, undefined, 7, true, Infinity, 2)).toBe(608);
    expect(searchInputFor(C, 1920, 100, undefined, 129, true, Infinity, 9)).toBeNull();
    expect(searchInputFor(C, 1920, 100, undefined, 130, true, Infinity, 9)).toBe(608); // at most 30 s apart
    expect(searchInputFor(C, 1920, 0.8, 0.4, 1, true, Infinity, 5)).toBe(608);
    // Capped at the frame's own size: a 360-px frame searches at 384, a 160-px one not at all.
    expect(searchInputFor(C, 360, undefined, undefined, 0, false, detectorInputCap(360))).toBe(384);
    expect(searchInputFor(C, 160, undefined, undefined, 0, false, detectorInputCap(160))).toBeNull();
    expect(searchInputFor(C, 1280, undefined, undefined, 0, false, detectorInputCap(640))).toBe(608);
  });

  it('lets the search lead while every known face is one only it finds, the full pass once a second', () => {
    // 640×480 camera read at 320: 83 px is a search face (41.5 at 320), 98 px is not.
    expect(searchLeads(C, 640, 480, 320, [83], 0.8, 1)).toBe(true);
    expect(searchLeads(C, 640, 480, 320, [83, 98], 0.8, 1)).toBe(false); // a nearer face too: both passes
    expect(searchLeads(C, 640, 480, 320, [83], 0, 1)).toBe(false); // the search found nothing for a second
    expect(searchLeads(C, 640, 480, 320, [83], undefined, 1)).toBe(false);
    expect(searchLeads(C, 640, 480, 320, [], 0.8, 1)).toBe(false); // nobody known: the full pass looks
    expect(fullPassDue(C, 0.8, 1, 1, 1)).toBe(false);
    expect(fullPassDue(C, 0, 1, 1, 1)).toBe(true); // a second since it ran
    expect(fullPassDue(C, 0.8, 1, 0, 1)).toBe(true); // the search lost a face
  });

  it('searches a window around known far faces at the whole frame\'s scale, the whole frame once a second', () => {
    // A far person on a 640×480 camera (search at 416: 0.65 input pixels a frame pixel), face 84 px:
    // 3 face sides (252 px) are 164 input pixels, 6 cells; 7 (224), which cover 345 frame pixels.
    const face = { x: 300, y: 200, w: 80, h: 84 };
    expect(searchWindow(C, 640, 480, [face], 416, 0.5, 1)).toEqual({ region: { x: 168, y: 70, w: 345, h: 345 }, inputSize: 224 });
    // The face moved and grew a little: the same input, so the same window shape.
    expect(searchWindow(C, 640, 480, [{ x: 310, y: 205, w: 82, h: 85 }], 416, 0.5, 1)!.region).toMatchObject({ w: 345, h: 345 });
    // A smaller face: 5 cells (160).
    expect(searchWindow(C, 640, 480, [{ x: 300, y: 200, w: 60, h: 60 }], 416, 0.5, 1)!.inputSize).toBe(160);
    expect(searchWindow(C, 640, 480, [face], 416, 0, 1)).toBeNull(); // a second since the whole frame: new faces anywhere
    expect(searchWindow(C, 640, 480, [face], 416, undefined, 1)).toBeNull();
    expect(searchWindow({ ...C, searchWindowFaces: 0 }, 640, 480, [face], 416, 0.5, 1)).toBeNull(); // off
    expect(searchWindow(C, 640, 480, [], 416, 0.5, 1)).toBeNull();
    // At the frame's corner the window moves inside rather than losing the margin on that side.
    expect(searchWindow(C, 640, 480, [{ x: 2, y: 0, w: 60, h: 60 }], 416, 0.5, 1)!.region).toEqual({ x: 0, y: 0, w: 246, h: 246 });
    // Two far faces apart: the window holding both costs more than half the whole frame's search.
    expect(searchWindow(C, 640, 480, [face, { x: 20, y: 20, w: 80, h: 84 }], 416, 0.5, 1)).toBeNull();
    // Side by side, one window holds both.
    const pair = searchWindow(C, 640, 480, [face, { x: 390, y: 200, w: 80, h: 84 }], 416, 0.5, 1)!;
    expect(pair).toEqual({ region: { x: 213, y: 70, w: 345, h: 345 }, inputSize: 224 });
  });

  it('never blows a frame up past its own size, rounded up to the detector stride', () => {
    expect(detectorInputCap(160)).toBe(160);
    expect(detectorInputCap(120)).toBe(128);
    expect(detectorInputCap(240)).toBe(256);
    expect(detectorInputCap(360)).toBe(384); // our clips: the 320 input is under it
    expect(detectorInputCap(640)).toBe(640);
    expect(detectorInputCap(1)).toBe(32);
  });

  it('lets the search add only faces the full input is too coarse for', () => {
    // 640×360 analysis frame, full input 416: 48 px at that scale is ~74 px of the frame.
    const box = (side: number) => ({ x: 0, y: 0, w: side, h: side });
    expect(isSearchFace(C, 640, 360, 416, box(50))).toBe(true);
    expect(isSearchFace(C, 640, 360, 416, box(72))).toBe(true);
    expect(isSearchFace(C, 640, 360, 416, box(76))).toBe(false);
    // A 640×480 camera read at 320: a far person's face boxed 83 px (41.5 at 320) is the search's.
    expect(isSearchFace(C, 640, 480, 320, box(83))).toBe(true);
    expect(isSearchFace(C, 640, 480, 320, box(98))).toBe(false);
    expect(isSearchFace(C, 640, 360, 416, box(130))).toBe(false);
  });
});

describe("the general networks' view of a face", () => {
  it("is the crop with 'none', crop and mirror in turn with 'alternate', both with 'both'", () => {
    const views = (generalMirror: 'none' | 'alternate' | 'both') => [0, 1, 2, 3].map((run) => generalView({ generalMirror }, run));
    expect(views('none')).toEqual(['plain', 'plain', 'plain', 'plain']);
    expect(views('alternate')).toEqual(['plain', 'mirror', 'plain', 'mirror']);
    expect(views('both')).toEqual(['both', 'both', 'both', 'both']);
  });

  it('is set from the page query as any other setting (the bench compares it so)', () => {
    expect(perceptionFromQuery('?perception.generalMirror=alternate&perception.generalIntervalSec=0.2&perception.ferNet=false&other=1')).toEqual({
      generalMirror: 'alternate',
      generalIntervalSec: 0.2,
      ferNet: false,
    });
  });
});

describe('the faces the general networks read', () => {
  const runs = (order: number[], confirmed: number, max: number) => [0, 1, 2, 3].map((run) => generalFacesInTurn(order, confirmed, max, run));

  it('are the first of the order while no more faces are confirmed than they take (one or two people: every run the same)', () => {
    // Two confirmed faces and an unconfirmed detection: the two, every run, each run its own turn (views alternate).
    expect(runs([4, 1, 7], 2, 2)).toEqual([0, 1, 2, 3].map((run) => ({ faces: [4, 1], turn: run })));
    expect(runs([3], 1, 2)).toEqual([0, 1, 2, 3].map((run) => ({ faces: [3], turn: run })));
    expect(generalFacesInTurn([3, 2], 2, 0, 5)).toEqual({ faces: [], turn: 5 });
  });

  it('take the confirmed faces in turn when there are more, so that each person of a group gets runs and both views', () => {
    expect(runs([5, 6, 7, 8], 4, 2)).toEqual([
      { faces: [5, 6], turn: 0 },
      { faces: [7, 8], turn: 0 },
      { faces: [5, 6], turn: 1 },
      { faces: [7, 8], turn: 1 },
    ]);
    // Three faces, two a run: the largest also fills the second run; unconfirmed detections (9) are never taken.
    expect(runs([5, 6, 7, 9], 3, 2).map((r) => r.faces)).toEqual([[5, 6], [7, 5], [5, 6], [7, 5]]);
    const views = runs([5, 6, 7, 8], 4, 2).map((r) => generalView({ generalMirror: 'alternate' }, r.turn));
    expect(views).toEqual(['plain', 'plain', 'mirror', 'mirror']);
  });
});
