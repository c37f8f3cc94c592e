/**
 * What decode-frames.ts drives: WebCodecs' VideoDecoder or a look-alike (jpeg-frame-decoder.ts),
 * and a wrapper that gives frames their presentation times where the container stores only decode
 * order (AVI). Browser and worker only.
 */

/** The part of VideoDecoder that decode-frames.ts drives. */
export type FrameDecoder = Pick<VideoDecoder, 'decode' | 'flush' | 'close' | 'decodeQueueSize' | 'state' | 'addEventListener'>;

/** A WebCodecs VideoDecoder set up for `config`. */
export function configuredDecoder(init: VideoDecoderInit, config: VideoDecoderConfig): FrameDecoder {
  const decoder = new VideoDecoder(init);
  decoder.configure(config);
  return decoder;
}

/**
 * Wraps `create`'s decoder so that the n-th frame out gets the n-th earliest timestamp fed in. AVI
 * stores one frame per time slot in decode order: an H.264 stream with B-frames comes out of the
 * decoder in presentation order but carrying its chunks' decode-order slots (0, 3, 1, 2 …), which
 * would put pictures at the wrong times. Slots fed in are increasing, so a queue is enough.
 */
export function slotTimedDecoder(init: VideoDecoderInit, create: (init: VideoDecoderInit) => FrameDecoder): FrameDecoder {
  const slots: number[] = [];
  const inner = create({
    output: (frame) => {
      const timestamp = slots.shift() ?? frame.timestamp;
      if (timestamp === frame.timestamp) return init.output(frame);
      const retimed = new VideoFrame(frame, { timestamp });
      frame.close();
      init.output(retimed);
    },
    error: init.error,
  });
  return {
    get decodeQueueSize() {
      return inner.decodeQueueSize;
    },
    get state() {
      return inner.state;
    },
    decode(chunk) {
      slots.push(chunk.timestamp);
      inner.decode(chunk);
    },
    flush: () => inner.flush(),
    close: () => inner.close(),
    addEventListener: inner.addEventListener.bind(inner),
  };
}
