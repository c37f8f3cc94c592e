/** What the decode worker, the analysis worker and the page tell each other about a video and its frames. */

/** What a video is, known before decoding. */
export interface VideoInfo {
  /** From the file's start (`startSec`) to its last frame or sample. */
  durationSec: number;
  /**
   * Where the file's timeline starts, in its own timestamps: the earlier first timestamp of its
   * video and primary audio track (never below 0). 0 for almost every file; an MPEG-TS stream (a
   * camcorder's .MTS) starts at 1.4 s or later. Every time emolens reports counts from here, as
   * players show it; absent: 0.
   */
  startSec?: number;
  /** Number of video frames (packets) in the track. */
  frameCount: number;
  /**
   * Frames the file's header announces where its data holds fewer (`frameCount`): a recording cut
   * short that is still read as far as it goes (an AVI without its index). Absent: the file is whole,
   * or says nothing of it (a truncated MP4 is refused instead).
   */
  declaredFrames?: number;
  /** Average frame rate over the whole track. */
  fps: number;
  /** Display size (after pixel aspect ratio and rotation), which is what users see. */
  width: number;
  height: number;
  /**
   * The primary sound track's codec when this browser cannot decode it (DTS, ALAC, AMR …; `unknown`
   * when mediabunny cannot name it): the page converts the sound (conversion.ts). Absent: decodable, or no sound.
   */
  undecodableSound?: string;
  /** Short codec name (avc, vp9, av1, hevc, …). */
  codec: string;
  /** Full WebCodecs codec string (e.g. avc1.64001e). */
  codecString: string;
  /**
   * How the stored frames are turned upright (phone videos are stored sideways with a rotation in
   * their metadata); absent or 0° unflipped: stored upright. Frames, boxes and thumbnails are all
   * in the upright picture's coordinates (`width`×`height`).
   */
  orientation?: Orientation;
  /**
   * A clockwise turn emolens added to `orientation` because the picture is stored sideways or
   * upside down without saying so (no rotation tag; faces were found only turned: find-turn.ts);
   * `width`, `height` and `orientation` include it. The <video> element, which plays the file as
   * tagged, is turned by it on the page. Absent: none.
   */
  turn?: Rotation;
}

/** A clockwise turn by a multiple of 90°, as mediabunny reports a track's rotation. */
export type Rotation = 0 | 90 | 180 | 270;

/**
 * A look for a picture stored turned without a tag (src/pipeline/find-turn.ts): for each turn, on
 * how many of `frames` a face was found and the sum over them of the best face's score (detector ×
 * verifier), and the turn chosen (0: none). A turn that could no longer be chosen is not read on the
 * frames after that (find-turn.ts: `turnsInPlay`): its counts stop there; once none could, the look
 * stops, and `frames` counts the frames read.
 */
export interface TurnFound {
  frames: number;
  withFace: Record<Rotation, number>;
  scores: Record<Rotation, number>;
  turn: Rotation;
}

/** How a track's stored frames become the upright picture: turned clockwise by `rotation`, then mirrored when `flip`. */
export interface Orientation {
  rotation: Rotation;
  flip: boolean;
}

/** RGB pixels of one frame: `data` holds R, G, B per pixel, row by row, as int32 (fromPixels' layout and dtype). */
export interface FramePixels {
  data: Int32Array;
  width: number;
  height: number;
}
