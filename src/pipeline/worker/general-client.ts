/**
 * The general worker, seen from the analysis worker: the general networks as `GeneralNets`
 * (src/pipeline/general-nets.ts). Their inputs are read with the frame's other outputs and sent
 * over; the worker answers while the analysis worker goes on with the next frame.
 */
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
      const shapes = [input.hse.shape, input.fer?.shape] as const;
      const [hse, fer] = await Promise.all([reads.read(input.hse), input.fer ? reads.read(input.fer) : null]);
      // A batch's read may be a view into the frame's one download: copied, so only it is transferred.
      const batch = (data: Float32Array, shape: readonly number[]): InputBatch => ({ data: data.slice(), shape: shape as InputBatch['shape'] });
      const args = { hse: batch(hse, shapes[0]), fer: fer && batch(fer, shapes[1]!) };
      const reply = await rpc.call('classify', args, { transfer: [args.hse.data.buffer, ...(args.fer ? [args.fer.data.buffer] : [])] });
      return { hse: reply.hse, fer: reply.fer, offThreadMs: reply.ms };
    },
    memory: () => rpc.call('memory', null),
    dispose: () => rpc.dispose(),
  };
}
