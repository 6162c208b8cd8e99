import { SampleRing, ratesFromSamples } from './feed-rates';

describe('feed rates', () => {
  it('turns end-offset samples into events per second between them', () => {
    const t0 = Date.parse('2026-03-02T08:00:00Z');
    expect(
      ratesFromSamples([
        { at: t0, high: 100 },
        { at: t0 + 5000, high: 150 },
        { at: t0 + 10_000, high: 150 },
        { at: t0 + 12_000, high: 153 },
      ]),
    ).toEqual([
      { at: '2026-03-02T08:00:05.000Z', eventsPerSecond: 10 },
      { at: '2026-03-02T08:00:10.000Z', eventsPerSecond: 0 },
      { at: '2026-03-02T08:00:12.000Z', eventsPerSecond: 1.5 },
    ]);
  });

  it('reads a topic that shrank (re-created) as zero, and needs two samples for a rate', () => {
    expect(
      ratesFromSamples([
        { at: 0, high: 10 },
        { at: 1000, high: 2 },
      ]),
    ).toEqual([{ at: new Date(1000).toISOString(), eventsPerSecond: 0 }]);
    expect(ratesFromSamples([{ at: 0, high: 10 }])).toEqual([]);
  });

  it('keeps only the newest samples', () => {
    const ring = new SampleRing(3);
    for (let i = 0; i < 5; i++) ring.add({ at: i, high: i });
    expect(ring.all().map((s) => s.at)).toEqual([2, 3, 4]);
  });
});
