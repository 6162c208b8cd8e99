import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { BatchConsumerService } from '@hub/runtime';
import { freshDatabase, intakeEnv, startIntake, uniqueName } from '../support/e2e-env';

/** libs/runtime's health, readiness (@nestjs/terminus) and metrics (prom-client), on intake as it runs. */
describe('service health and metrics', () => {
  let intake: INestApplication;
  let url: string;

  beforeAll(async () => {
    intake = await startIntake(intakeEnv(`${uniqueName('health')}.`, await freshDatabase('service_health')));
    await intake.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(intake.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await intake?.close();
  });

  it('answers liveness, and readiness with the consumer and the database up', async () => {
    const health = await fetch(`${url}/health`);
    expect([health.status, ((await health.json()) as { status: string }).status]).toEqual([200, 'ok']);
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, kafkaConsumer: { status: 'up' } },
    });
  });

  it('serves Prometheus metrics labelled with the service', async () => {
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/hub_consumer_running\{service="intake"\} 1/);
    expect(metrics).toMatch(/hub_consumer_assigned_partitions\{service="intake"\} \d+/);
    expect(metrics).toContain('process_cpu_seconds_total{service="intake"}');
  });

  it('answers 503 once the consumer has stopped', async () => {
    await intake.close();
    const again = await startIntake(intakeEnv(`${uniqueName('health')}.`, await freshDatabase('service_health_stop')));
    await again.listen(0, '127.0.0.1');
    const port = (again.getHttpServer().address() as AddressInfo).port;
    // Stop only the consumer (what a fatal Kafka error does before the process exits).
    await again.get(BatchConsumerService).onApplicationShutdown();
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'error', error: { kafkaConsumer: { status: 'down' } } });
    intake = again;
  });
});
