/**
 * Static and interactive export: PNG and SVG through headless Chromium running
 * the installed plotly bundle (nothing is fetched from the network), and a
 * standalone HTML page. One browser renders a whole batch of figures.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeFileAtomic } from '../train/atomic.js';
import { chromiumPath, NO_CHROMIUM } from './chromium.js';
import type { FigureSpec } from './rows.js';

/** The size every committed figure is rendered at: 900 x 520 CSS px, PNG at 2x for sharp text. */
export const IMAGE_SIZE = { width: 900, height: 520, scale: 2 } as const;
export type ImageSize = { width: number; height: number; scale: number };

/** The installed browser bundle of plotly.js (node_modules/plotly.js-dist/plotly.js). */
export function plotlyBundlePath(): string {
  return createRequire(import.meta.url).resolve('plotly.js-dist');
}

const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

export class FigureRenderer {
  private constructor(private readonly browser: Browser, private readonly page: Page) {}

  /** Launches Chromium once (about a second) and loads plotly into a blank page. */
  static async open(): Promise<FigureRenderer> {
    const executablePath = chromiumPath();
    if (executablePath === null) throw new Error(NO_CHROMIUM);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS });
    try {
      const page = await browser.newPage();
      // Figures are self-contained: any request a figure would make is a bug, so refuse it.
      await page.route('**/*', (route) => route.abort());
      await page.setContent('<!doctype html><html><body></body></html>');
      await page.addScriptTag({ path: plotlyBundlePath() });
      return new FigureRenderer(browser, page);
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  private async toImage(spec: FigureSpec, format: 'png' | 'svg', size: ImageSize): Promise<string> {
    return this.page.evaluate(
      ({ figure, options }) => (globalThis as any).Plotly.toImage(figure, options) as Promise<string>,
      { figure: { data: spec.data, layout: spec.layout }, options: { format, ...size } },
    );
  }

  async png(spec: FigureSpec, size: ImageSize = IMAGE_SIZE): Promise<Buffer> {
    const url = await this.toImage(spec, 'png', size);
    return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
  }

  async svg(spec: FigureSpec, size: ImageSize = IMAGE_SIZE): Promise<string> {
    // Traces without a uid get a random one that lands in their SVG class names.
    const named = { ...spec, data: spec.data.map((trace, i) => ({ uid: `trace${i}`, ...trace })) };
    const url = await this.toImage(named, 'svg', { ...size, scale: 1 });
    return stableSvgIds(decodeURIComponent(url.slice(url.indexOf(',') + 1)));
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/**
 * Plotly names an SVG's clip paths and defs after a random id (and traces after random uids,
 * which `svg()` fixes), so that every export of the same figure differs; replacing the id with
 * a hash of the SVG's own content makes regenerated figures byte-identical (no diff noise in
 * git) and keeps ids distinct between figures.
 */
export function stableSvgIds(svg: string): string {
  const uid = /id="defs-([0-9a-f]+)"/.exec(svg)?.[1];
  if (uid === undefined) return svg;
  const body = svg.replaceAll(uid, '');
  let h = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) h = Math.imul(h ^ body.charCodeAt(i), 0x01000193) >>> 0;
  return svg.replaceAll(uid, h.toString(16).padStart(8, '0').slice(0, uid.length));
}

/** Opens a renderer, runs `fn`, and always closes the browser. */
export async function withRenderer<T>(fn: (renderer: FigureRenderer) => Promise<T>): Promise<T> {
  const renderer = await FigureRenderer.open();
  try {
    return await fn(renderer);
  } finally {
    await renderer.close();
  }
}

/**
 * The `src` by which an HTML figure in `outDir` loads the installed plotly bundle: a
 * relative path into node_modules. Inlining the 10 MB bundle would make every figure
 * 10 MB, and a committed copy would put 10 MB in the repository; this way the pages open
 * offline from file:// wherever `npm ci` has run.
 */
export function plotlySrcFrom(outDir: string): string {
  return path.relative(path.resolve(outDir), plotlyBundlePath()).split(path.sep).join('/');
}

/** An interactive page for `spec` that loads plotly from `plotlySrc`. */
export function figureHtml(spec: FigureSpec, title: string, plotlySrc: string): string {
  // `</` inside the JSON would close the script element early.
  const json = JSON.stringify({ data: spec.data, layout: spec.layout }).replaceAll('</', '<\\/');
  const escape = (text: string) => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string);
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escape(title)}</title>
<script src="${escape(plotlySrc)}"></script>
<style>html, body { margin: 0; height: 100%; } #figure { width: 100%; height: 100%; min-height: ${IMAGE_SIZE.height}px; }</style>
</head><body><div id="figure"></div>
<script>const figure = ${json}; Plotly.newPlot('figure', figure.data, figure.layout, { responsive: true });</script>
</body></html>
`;
}

export type FigureFormat = 'png' | 'svg' | 'html';

/** Writes `<outDir>/<name>.{png,svg,html}` atomically; returns the paths written. */
export async function writeFigure(
  renderer: FigureRenderer, spec: FigureSpec, outDir: string, name: string,
  formats: readonly FigureFormat[] = ['png', 'svg', 'html'],
): Promise<string[]> {
  const written: string[] = [];
  for (const format of formats) {
    const file = path.join(outDir, `${name}.${format}`);
    if (format === 'png') writeFileAtomic(file, await renderer.png(spec));
    if (format === 'svg') writeFileAtomic(file, await renderer.svg(spec));
    if (format === 'html') writeFileAtomic(file, figureHtml(spec, name, plotlySrcFrom(outDir)));
    written.push(file);
  }
  return written;
}
