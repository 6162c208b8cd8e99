import { parentPort } from 'node:worker_threads';
import { DecodeRequest, decodeBatch } from './decode-batch';

/** Worker thread: decodes and validates batches so the main thread only moves bytes (Kafka, PostgreSQL). */
parentPort!.on('message', (message: { seq: number; request: DecodeRequest }) => {
  try {
    parentPort!.postMessage({ seq: message.seq, results: decodeBatch(message.request) });
  } catch (e) {
    parentPort!.postMessage({ seq: message.seq, error: (e as Error).message });
  }
});
