/**
 * `show(spec)` for tslab notebooks: one display_data message carrying the
 * interactive plotly bundle AND a static PNG, so the figure shows in JupyterLab
 * (plotly renderer when installed, else the PNG), in GitHub's viewer and in
 * nbconvert output (they skip the plotly type and take the image).
 *
 * tslab's public `display.raw(type, data)` sends one mime type per message, and two
 * messages would show the figure twice wherever both render. Its kernel keeps the
 * function that sends a whole bundle (`lastWriteDisplayData` in tslab/dist/jupyter);
 * we call that. It is tslab-internal, so it is looked up, not imported: outside a
 * tslab kernel, or if tslab renames it, show() says so in one line.
 */
import { createRequire } from 'node:module';
import { chromiumPath, NO_CHROMIUM } from './chromium.js';
import { FigureRenderer, IMAGE_SIZE } from './export.js';
import type { FigureSpec } from './rows.js';

export type MimeBundle = Record<string, unknown>;
type WriteDisplayData = (content: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

/** The running tslab kernel's bundle writer, or null when not inside one. */
function tslabWriter(): WriteDisplayData | null {
  const cache = createRequire(import.meta.url).cache;
  for (const [file, mod] of Object.entries(cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const write = (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof write === 'function') return write as WriteDisplayData;
  }
  return null;
}

/** One browser for all the figures of a notebook, closed after a minute without figures. */
let shared: Promise<FigureRenderer> | null = null;
let idleTimer: NodeJS.Timeout | null = null;
const IDLE_MS = 60_000;

function renderer(): Promise<FigureRenderer> {
  shared ??= FigureRenderer.open().catch((error) => {
    shared = null;
    throw error;
  });
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    const closing = shared;
    shared = null;
    void closing?.then((r) => r.close());
  }, IDLE_MS);
  // The timer must not keep a script alive; a kernel stays alive on its own.
  idleTimer.unref();
  return shared;
}

/** Closes the shared browser now (a script that used show() and wants to exit promptly). */
export async function closeDisplay(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  const closing = shared;
  shared = null;
  await (await closing)?.close();
}

function titleOf(spec: FigureSpec): string {
  const title = (spec.layout.title as { text?: string } | undefined)?.text;
  return typeof title === 'string' ? title.replace(/<[^>]+>/g, '') : 'figure';
}

let warnedNoChromium = false;

/**
 * The mime bundle of a figure: plotly JSON, a PNG (unless Chromium is missing), and
 * a text/plain title for consoles. The PNG's metadata keeps it at its CSS size.
 */
export async function mimeBundle(spec: FigureSpec): Promise<{ data: MimeBundle; metadata: Record<string, unknown> }> {
  const data: MimeBundle = {
    'application/vnd.plotly.v1+json': { data: spec.data, layout: spec.layout },
    'text/plain': titleOf(spec),
  };
  const metadata: Record<string, unknown> = {};
  if (chromiumPath() === null) {
    if (!warnedNoChromium) console.log(`show(): interactive figure only, no static image — ${NO_CHROMIUM}`);
    warnedNoChromium = true;
    return { data, metadata };
  }
  const png = await (await renderer()).png(spec);
  data['image/png'] = png.toString('base64');
  metadata['image/png'] = { width: IMAGE_SIZE.width, height: IMAGE_SIZE.height };
  return { data, metadata };
}

/**
 * Displays a figure in a tslab notebook cell. Resolves to nothing, so that a cell ending
 * in `await show(...)` does not also print the bundle as its value (mimeBundle() gives it).
 */
export async function show(spec: FigureSpec): Promise<void> {
  const { data, metadata } = await mimeBundle(spec);
  const write = tslabWriter();
  if (write === null) console.log(`show(): not inside a tslab kernel, nothing displayed ("${titleOf(spec)}"); use writeFigure() to save it`);
  else write({ data, metadata, transient: {} }, false);
}
