/** The task registry: task name -> factory that builds data, model, loss and evaluation for a run. */
import type { TaskRegistry } from '../task.js';
import { mobyLmTask } from './moby-lm.js';
import { pointerChaseTask } from './pointer-chase.js';
import { spamTask } from './spam-cls.js';

export const TASKS: TaskRegistry = {
  'moby-lm': mobyLmTask,
  'spam-cls': spamTask,
  'pointer-chase': pointerChaseTask,
};
