/**
 * The general worker, seen from the analysis worker: the general networks as `GeneralNets`
 * (src/pipeline/general-nets.ts). Their inputs are read with the frame's other outputs and sent
 * over; the worker answers while the analysis worker goes on with the next frame.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../shared/backend';
import type { GeneralApi, InputBatch } from '../../shared/general-protocol';
import type { GeneralNets } from '../general-nets';
import { createRpcClient, type RpcClientPort } from './rpc-client';

/** Starts the general worker (a module worker bundled by Vite) on `backend`, loads its networks, and returns them as GeneralNets. */
export async function startGeneralWorker(
  options: { backend: BackendName; wasm: string; models: string },
  worker: RpcClientPort = new Worker(new URL('./general.worker.ts', import.meta.url), { type: 'module', name: 'emolens-general' }),
): Promise<GeneralNets & Required<Pick<GeneralNets, 'memory'>>> {
  const rpc = createRpcClient<GeneralApi>(worker, { name: 'general' });
  try {
    await rpc.call('init', options);
  } catch (error) {
    rpc.dispose();
    throw error;
  }
  return {
    async run(input, reads) {
      // A batch's read may be a view into the frame's one download: copied, so only it is transferred.
      const batch = async (t: tf.Tensor4D | null): Promise<InputBatch | null> => {
        if (!t) return null;
        const shape = t.shape;
        return { data: (await reads.read(t)).slice(), shape };
      };
      const [hse, fer, group] = await Promise.all([batch(input.hse), batch(input.fer), batch(input.group)]);
      const args = { hse, fer, group, mirrored: input.mirrored };
      const transfer = [hse, fer, group].flatMap((b) => (b ? [b.data.buffer] : []));
      const reply = await rpc.call('classify', args, { transfer });
      return { hse: reply.hse, fer: reply.fer, group: reply.group, offThreadMs: reply.ms };
    },
    memory: () => rpc.call('memory', null),
    dispose: () => rpc.dispose(),
  };
}
