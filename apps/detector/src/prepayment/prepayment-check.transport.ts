import { KafkaOptions, Transport } from '@nestjs/microservices';
import { DetectorSettings } from '../detector.settings';

/** Nest's Kafka server for the pre-payment check; it appends "-server" to the client and group ids. */
export const prepaymentCheckTransport = (settings: DetectorSettings): KafkaOptions => ({
  transport: Transport.KAFKA,
  options: {
    client: { clientId: 'assist-hub-detector-prepayment', brokers: settings.KAFKA_BROKERS },
    consumer: { groupId: `${settings.DETECTOR_GROUP_ID}.prepayment`, allowAutoTopicCreation: false },
    subscribe: { fromBeginning: false },
  },
});
