import { runService } from '@hub/runtime';
import { IntakeModule } from './intake.module';
import { IntakeSettings } from './intake.settings';

runService({
  name: 'intake',
  settings: IntakeSettings,
  module: (s) => IntakeModule.forSettings(s),
  port: (s) => s.INTAKE_HTTP_PORT,
  openApi: "Intake: counters, and the purge of a person's events from the event store (POST /intake/events/purge).",
  paths: 'counters on /intake/stats',
});
