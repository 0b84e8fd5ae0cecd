/**
 * Additive Holt–Winters with damped trend and a weekly season (ETS(A,Ad,A), m = 7), fitted by grid
 * search over the smoothing parameters on one-step squared error. Works on already-transformed data.
 */
export interface EtsFit {
  level: number;
  trend: number;
  phi: number;
  /** Season for the next 7 days: season[0] is the day after the last value. */
  season: number[];
  sse: number;
}

const ALPHAS = [0.05, 0.1, 0.2, 0.35, 0.5, 0.7];
const BETAS = [0, 0.01, 0.05];
const GAMMAS = [0.01, 0.05, 0.15];
const PHIS = [0.8, 0.9, 0.98];
const M = 7;

function initialState(y: readonly number[]): { level: number; trend: number; season: number[] } {
  const weeks = Math.min(2, Math.floor(y.length / M));
  if (weeks === 0) {
    const mean = y.reduce((a, b) => a + b, 0) / Math.max(1, y.length);
    return { level: mean, trend: 0, season: new Array<number>(M).fill(0) };
  }
  const weekMeans: number[] = [];
  for (let w = 0; w < weeks; w++) weekMeans.push(y.slice(w * M, (w + 1) * M).reduce((a, b) => a + b, 0) / M);
  const level = weekMeans[0] ?? 0;
  const trend = weeks === 2 ? ((weekMeans[1] ?? level) - level) / M : 0;
  const season = new Array<number>(M).fill(0);
  for (let i = 0; i < M; i++) {
    let sum = 0;
    for (let w = 0; w < weeks; w++) sum += (y[w * M + i] ?? 0) - (weekMeans[w] ?? 0);
    season[i] = sum / weeks;
  }
  return { level, trend, season };
}

function run(y: readonly number[], alpha: number, beta: number, gamma: number, phi: number, init: ReturnType<typeof initialState>): EtsFit {
  let level = init.level;
  let trend = init.trend;
  const season = init.season.slice();
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const s = season[t % M] ?? 0;
    const yt = y[t] ?? 0;
    const err = yt - (level + phi * trend + s);
    sse += err * err;
    const prevLevel = level;
    level = prevLevel + phi * trend + alpha * err;
    trend = phi * trend + beta * err;
    season[t % M] = s + gamma * err;
  }
  const next: number[] = [];
  for (let i = 0; i < M; i++) next.push(season[(y.length + i) % M] ?? 0);
  return { level, trend, phi, season: next, sse };
}

export function fitEts(y: readonly number[]): EtsFit {
  const init = initialState(y);
  let best: EtsFit | undefined;
  for (const alpha of ALPHAS) {
    for (const beta of BETAS) {
      if (beta > alpha) continue;
      for (const phi of beta === 0 ? [1] : PHIS) {
        for (const gamma of GAMMAS) {
          if (gamma > 1 - alpha) continue;
          const fit = run(y, alpha, beta, gamma, beta === 0 ? 0 : phi, beta === 0 ? { ...init, trend: 0 } : init);
          if (!best || fit.sse < best.sse) best = fit;
        }
      }
    }
  }
  return best ?? run(y, 0.2, 0, 0.05, 0, { ...init, trend: 0 });
}

export function forecastEts(fit: EtsFit, horizon: number): number[] {
  const out: number[] = [];
  let damp = 0;
  let pow = 1;
  for (let h = 1; h <= horizon; h++) {
    pow *= fit.phi;
    damp += pow;
    out.push(fit.level + damp * fit.trend + (fit.season[(h - 1) % M] ?? 0));
  }
  return out;
}
