/** lib/viz: figure specs (tidy rows -> plotly JSON), static and HTML export, notebook display. */
export * from './specs/index.js';
export { type VizRow, type FigureSpec, FigureError } from './rows.js';
export { METRIC, metricInfo, axisTitle } from './metrics.js';
export { METHOD_COLOR, methodColor, methodLabel, taskLabel } from './style.js';
export { caption, seedRange } from './caption.js';
export { seedStats, lastStep, type SeedStat } from './summary.js';
export { chromiumPath } from './chromium.js';
export {
  FigureRenderer, withRenderer, writeFigure, figureHtml, plotlySrcFrom, plotlyBundlePath,
  IMAGE_SIZE, type ImageSize, type FigureFormat,
} from './export.js';
export { show, mimeBundle, closeDisplay, type MimeBundle } from './display.js';
export { demoRows } from './demo-rows.js';
