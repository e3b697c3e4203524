/**
 * Export and display through the real headless Chromium. Chromium is part of the
 * setup (`npm run setup`), so its absence fails here with the fix, never skips.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  FigureRenderer, IMAGE_SIZE, chromiumPath, closeDisplay, entropyByLayer, mimeBundle, show, writeFigure, type VizRow,
} from '../lib/viz/index.js';

const rows: VizRow[] = [0, 1].flatMap((seed) =>
  ['baseline', 'saobp-mixture'].flatMap((method) =>
    [0, 1].map((layer) => ({
      run: `r.${method}.${seed}`, task: 'moby-lm', size: 'tiny', method, seed, step: 10, layer, head: null,
      metric: 'normalized_entropy', value: 0.8 - 0.1 * layer + 0.01 * seed,
    })),
  ),
);
const spec = entropyByLayer(rows);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('export through headless Chromium', () => {
  let renderer: FigureRenderer;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'saobp-viz-'));

  before(async () => {
    assert.ok(chromiumPath(), 'Chromium not found: run `npm run setup` (installs it) or set SAOBP_CHROMIUM; the export tests need it');
    renderer = await FigureRenderer.open();
  });
  after(async () => {
    await renderer?.close();
    await closeDisplay();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('renders a PNG at the fixed size and an SVG holding the title', async () => {
    const png = await renderer.png(spec);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.deepEqual(pngSize(png), { width: IMAGE_SIZE.width * IMAGE_SIZE.scale, height: IMAGE_SIZE.height * IMAGE_SIZE.scale });
    const svg = await renderer.svg(spec);
    assert.match(svg, /^<svg/);
    assert.equal(await renderer.svg(spec), svg, 'the same figure exports to the same SVG bytes (no random ids)');
    assert.ok(svg.includes('normalized attention entropy by layer'), 'the SVG holds the title');
    assert.ok(svg.includes('seeds 0, 1'), 'the SVG holds the caption');
  });

  it('writes PNG, SVG and HTML atomically; the HTML loads the installed plotly by a relative path', async () => {
    const written = await writeFigure(renderer, spec, out, 'entropy');
    assert.deepEqual(written.map((f) => path.basename(f)), ['entropy.png', 'entropy.svg', 'entropy.html']);
    assert.deepEqual(fs.readdirSync(out).filter((f) => f.startsWith('.')), [], 'no temp files left');
    const html = fs.readFileSync(path.join(out, 'entropy.html'), 'utf8');
    const src = /<script src="([^"]+)"><\/script>/.exec(html)?.[1];
    assert.ok(src !== undefined && !path.isAbsolute(src), `a relative script src, got ${src}`);
    assert.ok(fs.existsSync(path.resolve(out, src)), `${src} resolves to the plotly bundle from ${out}`);
    assert.ok(html.includes('"legendgroup":"baseline"'));
  });

  it('show() sends one display message with the plotly bundle and a PNG', async () => {
    // Stand in for the tslab kernel module that holds the bundle writer.
    const cache = createRequire(import.meta.url).cache;
    const key = path.join(out, 'node_modules', 'tslab', 'dist', 'jupyter.js');
    const sent: any[] = [];
    cache[key] = { exports: { lastWriteDisplayData: (content: unknown, update: boolean) => sent.push({ content, update }) } } as any;
    try {
      await show(spec);
    } finally {
      delete cache[key];
    }
    assert.equal(sent.length, 1);
    const { data, metadata } = sent[0].content;
    assert.deepEqual(Object.keys(data).sort(), ['application/vnd.plotly.v1+json', 'image/png', 'text/plain']);
    assert.deepEqual(data['application/vnd.plotly.v1+json'].layout, spec.layout);
    assert.equal(Buffer.from(data['image/png'], 'base64').subarray(1, 4).toString(), 'PNG');
    assert.deepEqual(metadata['image/png'], { width: IMAGE_SIZE.width, height: IMAGE_SIZE.height });
    assert.equal(sent[0].update, false);
  });
});

describe('display without Chromium', () => {
  it('sends the interactive bundle only, with a one-line note', async () => {
    const saved = process.env.SAOBP_CHROMIUM;
    process.env.SAOBP_CHROMIUM = '/nonexistent/chromium';
    try {
      const { data } = await mimeBundle(spec);
      assert.deepEqual(Object.keys(data).sort(), ['application/vnd.plotly.v1+json', 'text/plain']);
    } finally {
      if (saved === undefined) delete process.env.SAOBP_CHROMIUM;
      else process.env.SAOBP_CHROMIUM = saved;
    }
  });
});
