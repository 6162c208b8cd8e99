/** The sum of a topic's end offsets at one moment: how many events it had received by then. */
export interface OffsetSample {
  at: number;
  high: number;
}

export interface RatePoint {
  at: string;
  eventsPerSecond: number;
}

/**
 * Events per second between consecutive samples of a topic's end offsets. A drop (topic re-created)
 * reads as zero, not a negative rate.
 */
export function ratesFromSamples(samples: OffsetSample[]): RatePoint[] {
  const points: RatePoint[] = [];
  for (let i = 1; i < samples.length; i++) {
    const seconds = (samples[i].at - samples[i - 1].at) / 1000;
    if (seconds <= 0) continue;
    const events = Math.max(0, samples[i].high - samples[i - 1].high);
    points.push({
      at: new Date(samples[i].at).toISOString(),
      eventsPerSecond: Math.round((events / seconds) * 100) / 100,
    });
  }
  return points;
}

/** Keeps the newest `capacity` samples. */
export class SampleRing {
  private readonly samples: OffsetSample[] = [];

  constructor(private readonly capacity: number) {}

  add(sample: OffsetSample): void {
    this.samples.push(sample);
    if (this.samples.length > this.capacity) this.samples.splice(0, this.samples.length - this.capacity);
  }

  all(): OffsetSample[] {
    return [...this.samples];
  }
}
