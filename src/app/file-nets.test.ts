import { describe, expect, it } from 'vitest';
import { DEFAULT_PERCEPTION_CONFIG } from '../shared/perception-config';
import { FACE_NETS_ONLY, fileNetsOf } from './file-nets';

describe('fileNetsOf', () => {
  it('turns off the nets outside the face path only for ?nets=face', () => {
    expect(fileNetsOf('?backend=webgpu&nets=face')).toBe(FACE_NETS_ONLY);
    expect(FACE_NETS_ONLY).toEqual({ personNet: false, ferNet: false, landmarksNet: false, generalNets: false });
    for (const search of ['', '?backend=wasm', '?nets=all', '?nets=']) expect(fileNetsOf(search)).toBeNull();
  });

  it('leaves every network on by default', () => {
    expect(DEFAULT_PERCEPTION_CONFIG).toMatchObject({ personNet: true, ferNet: true, landmarksNet: true, generalNets: true });
  });
});
