/** Contract section 6: headers added to a dead letter; value, key and original headers stay unchanged. */
export const DEAD_LETTER_HEADERS = {
  code: 'x-error-code',
  detail: 'x-error-detail',
  sourceTopic: 'x-source-topic',
  sourcePartition: 'x-source-partition',
  sourceOffset: 'x-source-offset',
} as const;
