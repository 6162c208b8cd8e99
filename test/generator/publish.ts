import { Department } from '@hub/contract';
import { MessageBus, OutboundMessage } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { FeedMessage } from './feed';

/** A one-line progress bar on stderr (a TTY gets a redrawn bar, a log file gets a line every 10%). */
export class ProgressBar {
  private lastDecile = -1;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number): void {
    const fraction = this.total ? done / this.total : 1;
    const rate = done / Math.max(0.001, (Date.now() - this.started) / 1000);
    const text = `${this.label} ${done}/${this.total} (${(fraction * 100).toFixed(0)}%, ${rate.toFixed(0)}/s)`;
    if (this.stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`);
      if (done >= this.total) this.stream.write('\n');
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile !== this.lastDecile) {
        this.lastDecile = decile;
        this.stream.write(`${text}\n`);
      }
    }
  }
}

/**
 * Produces a generated feed to the intake topics in chunks; returns messages per second. One chunk is
 * in flight by default, so every partition receives its events in event-time order, as a department
 * system sends them: with 4 chunks of 4,000 in flight a later chunk could land first and move a
 * partition's event clock months ahead, and omissions fell due before their fulfilments arrived (60
 * of 100 unplanted alerts in a 60k-event bench:e2e). `inFlight` > 1 is for benchmarks that do not read
 * event time (intake). A producer retry may still write a message twice, which intake treats as the
 * same event (same source+id).
 */
export async function publishFeed(
  bus: Pick<MessageBus, 'publish'>,
  topics: TopicNames,
  messages: FeedMessage[],
  options: { chunk?: number; inFlight?: number; progress?: boolean } = {},
): Promise<number> {
  const chunk = options.chunk ?? 4000;
  const inFlight = options.inFlight ?? 1;
  const bar = options.progress === false ? undefined : new ProgressBar('publishing', messages.length);
  const started = Date.now();
  let done = 0;
  const pending = new Set<Promise<void>>();
  for (let i = 0; i < messages.length; i += chunk) {
    const slice = messages.slice(i, i + chunk);
    const send: Promise<void> = bus
      .publish(
        slice.map((m) => ({ topic: topics.intake(m.department), key: m.key, value: m.value, headers: m.headers })),
      )
      .then(() => {
        done += slice.length;
        bar?.update(done);
        pending.delete(send);
      });
    pending.add(send);
    if (pending.size >= inFlight) await Promise.race(pending);
  }
  await Promise.all(pending);
  return messages.length / Math.max(0.001, (Date.now() - started) / 1000);
}

/**
 * Publishes each department's messages through that department's own client: on a secured broker each
 * department is a principal that may write its own intake topic only (contract §1). Order within a topic is kept.
 */
export function departmentPublisher(
  topics: TopicNames,
  busOf: (department: Department) => Pick<MessageBus, 'publish'>,
): Pick<MessageBus, 'publish'> {
  return {
    publish: async (messages) => {
      const byDepartment = new Map<Department, OutboundMessage[]>();
      for (const m of messages) {
        const department = topics.departmentOf(m.topic);
        if (!department) throw new Error(`${m.topic} is no department's intake topic`);
        const own = byDepartment.get(department) ?? [];
        own.push(m);
        byDepartment.set(department, own);
      }
      await Promise.all([...byDepartment].map(([department, own]) => busOf(department).publish(own)));
    },
  };
}
