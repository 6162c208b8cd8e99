import { runService } from '@hub/runtime';
import { DetectorModule } from './detector.module';
import { DetectorSettings } from './detector.settings';
import { prepaymentCheckTransport } from './prepayment/prepayment-check.transport';

runService({
  name: 'detector',
  settings: DetectorSettings,
  module: (s) => DetectorModule.forSettings(s),
  port: (s) => s.DETECTOR_HTTP_PORT,
  openApi:
    'Detector: counters, alerts and their dismissal, accounts of persons and households, pre-payment checks (POST /prepayment/checks), the purge of a person.',
  paths:
    'counters on /detector/stats, alerts on /alerts, accounts on /accounts, pre-payment checks on POST /prepayment/checks and Kafka hub.prepayment.check',
  microservice: prepaymentCheckTransport,
});
