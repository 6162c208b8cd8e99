import { detectorIdleSpanEnv } from './detector-idle-span';

describe('detectorIdleSpanEnv', () => {
  it('shortens the idle span for the demo feed only', () => {
    expect(detectorIdleSpanEnv(true, {})).toEqual({ DETECTOR_IDLE_SPAN_SECONDS: '10' });
  });

  it('leaves real use (demo --empty) to the rule pack', () => {
    expect(detectorIdleSpanEnv(false, {})).toEqual({});
    expect(detectorIdleSpanEnv(false, { DETECTOR_IDLE_SPAN_SECONDS: '' })).toEqual({});
  });

  it('keeps a span set in the environment, with or without the feed', () => {
    expect(detectorIdleSpanEnv(false, { DETECTOR_IDLE_SPAN_SECONDS: '900' })).toEqual({
      DETECTOR_IDLE_SPAN_SECONDS: '900',
    });
    expect(detectorIdleSpanEnv(true, { DETECTOR_IDLE_SPAN_SECONDS: '0' })).toEqual({ DETECTOR_IDLE_SPAN_SECONDS: '0' });
  });
});
