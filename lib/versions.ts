import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';

/** Versions of the runtime pieces, for notebooks and run metadata. */
export function versions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const own = require('../../package.json') as { version: string };
  return { saobp: own.version, node: process.versions.node, 'tfjs-core': tf.version_core, backend: tf.getBackend() ?? 'none' };
}
