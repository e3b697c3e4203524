/**
 * Training progress: step, loss, tokens/s, ETA. On a terminal one line is redrawn
 * in place; anywhere else (CI logs, notebooks, files) plain lines are appended at
 * a fixed step interval, because carriage returns turn those logs into noise.
 */

export interface ProgressUpdate {
  label: string;
  step: number;
  total: number;
  loss: number;
  tokensPerSecond: number;
  /** Seconds left at the current pace; null until a rate is known. */
  eta: number | null;
}

export interface ProgressSink {
  update(progress: ProgressUpdate): void;
  done(progress: ProgressUpdate): void;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

function describe(p: ProgressUpdate): string {
  const width = String(p.total).length;
  const eta = p.eta === null ? '--:--' : formatDuration(p.eta);
  const rate = p.tokensPerSecond >= 1000 ? `${(p.tokensPerSecond / 1000).toFixed(1)}k` : p.tokensPerSecond.toFixed(0);
  return `step ${String(p.step).padStart(width)}/${p.total} loss ${p.loss.toFixed(4)} ${rate} tok/s eta ${eta}`;
}

export interface ProgressOptions {
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Force the mode; by default a TTY gets the live bar. */
  live?: boolean;
  /** Plain mode: one line every this many steps. */
  every?: number;
}

export function progressReporter(options: ProgressOptions = {}): ProgressSink {
  const stream = options.stream ?? process.stderr;
  const live = options.live ?? Boolean(stream.isTTY);
  const every = options.every ?? 50;
  let lastDraw = 0;
  if (!live) {
    return {
      update(p) {
        if (p.step % every === 0) stream.write(`${p.label} ${describe(p)}\n`);
      },
      done(p) {
        stream.write(`${p.label} ${describe(p)} done\n`);
      },
    };
  }
  const draw = (p: ProgressUpdate, end: string) => {
    const columns = stream.columns ?? 100;
    const text = describe(p);
    const barWidth = Math.max(10, Math.min(30, columns - text.length - p.label.length - 6));
    const filled = Math.round((barWidth * p.step) / Math.max(1, p.total));
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
    stream.write(`\r\x1b[2K${p.label} ${bar} ${text}`.slice(0, columns + 5) + end);
  };
  return {
    update(p) {
      // Redrawing more than ~10 times a second costs more than it tells.
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      draw(p, '');
    },
    done(p) {
      draw(p, '\n');
    },
  };
}

/** A sink that discards everything (tests, nested runs). */
export const silentProgress: ProgressSink = { update() {}, done() {} };
