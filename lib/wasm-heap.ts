/** The wasm backend's heap as the kernels of this project see it (tfjs-backend-wasm 4.22 internals). */
import type * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';

/** The slice of the wasm backend's class that the kernels use. */
export interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): tf.TypedArray;
  disposeData(dataId: object): boolean;
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number } };
  dataIdNextNumber: number;
  wasm: {
    cwrap(name: string, ret: null, args: string[]): (...args: unknown[]) => void;
    tfjs: { registerTensor(id: number, size: number, memoryOffset: number): void; disposeData(id: number): void };
  };
}

/** Byte offset of a tensor's data in the wasm heap. */
export function heapOffset(backend: WasmHeapBackend, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId).memoryOffset;
}
