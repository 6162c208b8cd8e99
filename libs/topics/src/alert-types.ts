/**
 * Contract section 6: the CloudEvent types on alerts.duplicate and alerts.omission.
 * `provisional`: a compatible extension (contract section 8 allows new types). An omission whose persons are
 * still in an open review pair after the hold span: published so that a township worker sees it, typed so that
 * no consumer of `assist.alert.raised.v1` mistakes it for a confirmed one. Raised for real once the pair is settled
 * and the finding stands; resolved RETRACTED if it goes.
 */
export const ALERT_TYPES = {
  raised: 'assist.alert.raised.v1',
  provisional: 'assist.alert.provisional.v1',
  resolved: 'assist.alert.resolved.v1',
} as const;
