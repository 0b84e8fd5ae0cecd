/** A value that changes over (simulated) time; points are kept sorted by `at` (ms). */
export interface Timeline<T> {
  points: Array<{ at: number; value: T }>;
}

export function timelineOf<T>(at: number, value: T): Timeline<T> {
  return { points: [{ at, value }] };
}

/** The value in force at instant `at` (the first point's value before it began). */
export function valueAt<T>(timeline: Timeline<T>, at: number): T {
  const { points } = timeline;
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p && p.at <= at) return p.value;
  }
  const first = points[0];
  if (!first) throw new Error('empty timeline');
  return first.value;
}

export function currentValue<T>(timeline: Timeline<T>): T {
  const last = timeline.points[timeline.points.length - 1];
  if (!last) throw new Error('empty timeline');
  return last.value;
}

/** Records a change from `at` on; later points (from a schedule) are dropped. */
export function setFrom<T>(timeline: Timeline<T>, at: number, value: T): void {
  timeline.points = timeline.points.filter((p) => p.at < at);
  timeline.points.push({ at, value });
}
