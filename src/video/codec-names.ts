/** The names the messages give video codecs: one table for mediabunny's ids, container ids and MPEG-TS stream types. */
export const CODEC_NAMES = Object.freeze({
  h264: 'H.264',
  hevc: 'HEVC (H.265)',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  prores: 'ProRes',
  motionJpeg: 'Motion JPEG',
  mpeg1: 'MPEG-1',
  mpeg2: 'MPEG-2 (TV recordings, HDV camcorders)',
  mpeg4Part2: 'MPEG-4 Part 2 (Xvid, DivX; older phones and cameras)',
  h263: 'H.263 (older phones’ 3GP)',
  vc1: 'VC-1',
  msMpeg4: 'MS MPEG-4 (DivX 3)',
  dv: 'DV (tape camcorders)',
  dnxhd: 'DNxHD / DNxHR (editors’ exports)',
  cineform: 'CineForm (GoPro, editors’ exports)',
});
