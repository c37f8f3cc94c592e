/** Node-only helpers (never import from browser code). */
export * from './backend';
export * from './file-weight-source';
export * from './ffmpeg';
export * from './ffmpeg-audio';
