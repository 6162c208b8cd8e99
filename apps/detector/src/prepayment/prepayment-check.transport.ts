import { KafkaOptions, Transport } from '@nestjs/microservices';
import { connectionSecurity } from '@hub/kafka';
import { kafkaBusOptions } from '@hub/runtime';
import { DetectorSettings } from '../detector.settings';

/** Nest's Kafka server for the pre-payment check; it appends "-server" to the client and group ids. */
export const prepaymentCheckTransport = (settings: DetectorSettings): KafkaOptions => ({
  transport: Transport.KAFKA,
  options: {
    // The same brokers, TLS and principal as the detector's own bus.
    client: {
      clientId: 'assist-hub-detector-prepayment',
      brokers: settings.KAFKA_BROKERS,
      ...connectionSecurity(kafkaBusOptions(settings, 'assist-hub-detector-prepayment').security),
    },
    consumer: { groupId: `${settings.DETECTOR_GROUP_ID}.prepayment`, allowAutoTopicCreation: false },
    subscribe: { fromBeginning: false },
  },
});
