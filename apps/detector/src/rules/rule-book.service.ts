import { Injectable, Logger } from '@nestjs/common';
import { AssistanceStandard, RulePack, WorkingDayCalendar, loadAssistanceStandards, loadRulePack } from '@hub/rules';
import { DetectorSettings } from '../detector.settings';

/**
 * The rule pack and working-day calendar in force, loaded once at start-up: a mistake in a county's
 * rules file stops the detector with a message naming the rule and field, before any event is read.
 */
@Injectable()
export class RuleBook {
  private readonly logger = new Logger('RuleBook');
  readonly pack: RulePack;
  readonly calendar: WorkingDayCalendar;
  /** 统一救助标准: what the pre-payment check holds each grant against. */
  readonly standards: AssistanceStandard[];

  constructor(settings: DetectorSettings) {
    this.pack = loadRulePack(settings.DETECTOR_RULES_FILE || undefined);
    this.calendar = WorkingDayCalendar.load(this.pack.calendarFile);
    this.standards = loadAssistanceStandards(settings.DETECTOR_STANDARDS_FILE || undefined);
    const enabled = this.pack.rules.filter((r) => r.enabled);
    this.logger.log(
      `rules ${this.pack.file}: ${enabled.length} of ${this.pack.rules.length} enabled (${enabled.map((r) => r.id).join(', ')}); calendar ${this.pack.calendarFile}`,
    );
  }
}
