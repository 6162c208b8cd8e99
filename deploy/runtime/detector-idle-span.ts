/** The demo feed's idle span, in seconds. */
export const DEMO_FEED_IDLE_SPAN_SECONDS = '10';

/**
 * DETECTOR_IDLE_SPAN_SECONDS for the detector `demo` starts. A demo feed ends within a minute: its
 * quiet departments should stop holding event time back after 10 s instead of the rule pack's span,
 * so the omissions of the demo year are due while you watch. Without the feed (`--empty`, real use)
 * a department quiet for 10 s is only between batches, and closing windows on the others' time would
 * raise omissions its next batch fulfils: the rule pack's span applies (nothing is set). A value set
 * in the environment wins either way.
 */
export function detectorIdleSpanEnv(
  withDemoFeed: boolean,
  env: NodeJS.ProcessEnv,
): { DETECTOR_IDLE_SPAN_SECONDS?: string } {
  const explicit = env.DETECTOR_IDLE_SPAN_SECONDS;
  if (explicit !== undefined && explicit !== '') return { DETECTOR_IDLE_SPAN_SECONDS: explicit };
  return withDemoFeed ? { DETECTOR_IDLE_SPAN_SECONDS: DEMO_FEED_IDLE_SPAN_SECONDS } : {};
}
