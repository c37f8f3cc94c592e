/** Shared lifecycle of the face-api networks: load the module and a weight map, build, free. */
import { BaseModel } from '../base-model';
import { loadWeightMap } from '../weight-source';
import { getFaceApi, type FaceApiModule, type FaceApiNet } from './face-api-module';

/** A face-api network behind the emolens model interface; subclasses say which net and weights. */
export abstract class FaceApiModel<TNet extends FaceApiNet, TInput, TOutput, TRunConfig> extends BaseModel<
  TInput,
  TOutput,
  TRunConfig
> {
  /** The loaded net; defined between load() and dispose(). */
  protected net: TNet | undefined;
  /** The face-api module (for NetInput); defined between load() and dispose(). */
  protected api: FaceApiModule | undefined;
  /** Weights manifest, relative to the models root. */
  protected abstract readonly weightsPath: string;
  /** Constructs the (empty) net from the module. */
  protected abstract createNet(api: FaceApiModule): TNet;

  protected async loadWeights(): Promise<void> {
    const [api, weights] = await Promise.all([getFaceApi(), loadWeightMap(this.source, this.weightsPath)]);
    const net = this.createNet(api);
    net.loadFromWeightMap(weights);
    this.api = api;
    this.net = net;
  }

  protected freeWeights(): void {
    this.net?.dispose(false);
    this.net = undefined;
  }
}
