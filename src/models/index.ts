/** Public API of src/models (browser-safe; Node helpers live in src/node). */
export * from './model';
export * from './labels';
export * from './weight-source';
export * from './registry';
export { cropBoxes, cropRegion, type CropConfig } from './crop';
export { setFaceApiLoader } from './face-api/face-api-module';
export * from './face-detector/face-detector';
export * from './face-detector/constants';
export * from './face-emotion/face-emotion';
export * from './face-emotion/constants';
export * from './face-embedding/face-embedding';
export * from './face-embedding/constants';
export * from './person-detector/person-detector';
export * from './person-detector/constants';
export { iou, nonMaxSuppression, poolRegion } from './person-detector/pooling';
export * from './human-emotion/human-emotion';
export * from './human-emotion/constants';
