import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { InboundMessage } from '@hub/kafka';
import { DecodeRequest, DecodeResult, decodeBatch } from './decode-batch';

interface Pending {
  resolve: (results: DecodeResult[]) => void;
  reject: (error: Error) => void;
}

function headerStrings(m: InboundMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(m.headers)) {
    if (v === undefined) continue;
    const first = Array.isArray(v) ? v[0] : v;
    out[name] = typeof first === 'string' ? first : first.toString('utf8');
  }
  return out;
}

/** A batch's values copied into one buffer of its own, so it can be transferred to a worker. */
export function toDecodeRequest(topic: string, partition: number, department: string, maxValueBytes: number, messages: InboundMessage[]): DecodeRequest {
  let total = 0;
  for (const m of messages) total += m.value?.length ?? 0;
  const values = Buffer.allocUnsafeSlow(total);
  const lengths = new Int32Array(messages.length);
  let at = 0;
  messages.forEach((m, i) => {
    if (!m.value) {
      lengths[i] = -1;
      return;
    }
    m.value.copy(values, at);
    at += m.value.length;
    lengths[i] = m.value.length;
  });
  return { topic, partition, department, maxValueBytes, offsets: messages.map((m) => m.offset), headers: messages.map(headerStrings), values, lengths };
}

/**
 * Decoding and validation run on worker threads (INTAKE_DECODE_WORKERS, 0 = on the main thread):
 * they are most of intake's CPU, and the main thread is busy enough with kafkajs and PostgreSQL.
 */
@Injectable()
export class DecodePool implements OnModuleDestroy {
  private readonly logger = new Logger('DecodePool');
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private next = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  private spawn(): Worker {
    // Under ts-node (development, tests) the worker loads TypeScript the same way; compiled, it is plain JS.
    const worker = __filename.endsWith('.ts')
      ? new Worker(
          `require(${JSON.stringify(require.resolve('ts-node'))}).register({ transpileOnly: true });` +
            `require(${JSON.stringify(require.resolve('tsconfig-paths/register'))});` +
            `require(${JSON.stringify(path.join(__dirname, 'decode-worker.ts'))});`,
          { eval: true },
        )
      : new Worker(path.join(__dirname, 'decode-worker.js'));
    worker.on('message', (m: { seq: number; results?: DecodeResult[]; error?: string }) => {
      const p = this.pending.get(m.seq);
      if (!p) return;
      this.pending.delete(m.seq);
      if (m.results) p.resolve(m.results);
      else p.reject(new Error(`decode worker: ${m.error}`));
    });
    worker.on('error', (e) => this.logger.error(`decode worker failed: ${e.message}`));
    worker.on('exit', (code) => {
      const i = this.workers.indexOf(worker);
      if (i < 0) return; // shutting down
      this.logger.error(`decode worker exited (${code}); starting another`);
      // Batches it held are rejected; the consumer redelivers them.
      for (const [seq, p] of this.pending) {
        if ((p as Pending & { worker?: Worker }).worker === worker) {
          this.pending.delete(seq);
          p.reject(new Error('decode worker exited'));
        }
      }
      this.workers[i] = this.spawn();
    });
    return worker;
  }

  decode(request: DecodeRequest): Promise<DecodeResult[]> {
    if (this.workers.length === 0) return Promise.resolve(decodeBatch(request));
    const worker = this.workers[this.next++ % this.workers.length];
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject, worker } as Pending);
      worker.postMessage({ seq, request }, [request.values.buffer as ArrayBuffer, request.lengths.buffer as ArrayBuffer]);
    });
  }

  async onModuleDestroy(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
