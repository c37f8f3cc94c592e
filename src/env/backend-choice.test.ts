import { describe, expect, it } from 'vitest';
import { backendOrder, parseBackendName } from './backend-choice';

describe('parseBackendName', () => {
  it('accepts the three names in any case and rejects others', () => {
    expect(parseBackendName('WASM')).toBe('wasm');
    expect(parseBackendName(' webgpu ')).toBe('webgpu');
    expect(parseBackendName('webgl')).toBe('webgl');
    expect(parseBackendName('cpu')).toBeUndefined();
    expect(parseBackendName(null)).toBeUndefined();
  });
});

describe('backendOrder', () => {
  it('prefers WebGPU on a hardware adapter, else WASM', () => {
    expect(backendOrder(undefined, 'hardware')).toEqual(['webgpu', 'wasm']);
    expect(backendOrder(undefined, 'software')).toEqual(['wasm']);
    expect(backendOrder(undefined, 'none')).toEqual(['wasm']);
  });
  it('tries a forced backend first and falls back to the automatic order', () => {
    expect(backendOrder('webgl', 'none')).toEqual(['webgl', 'wasm']);
    expect(backendOrder('wasm', 'hardware')).toEqual(['wasm', 'webgpu']);
    expect(backendOrder('webgpu', 'software')).toEqual(['webgpu', 'wasm']);
  });
});
