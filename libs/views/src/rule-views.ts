import { AlertKind } from '@hub/rules';

/** A rule of the pack in force, as the detector shows it (GET /detector/rules) and the console names alerts by it. */
export interface RuleView {
  id: string;
  /** The county's name for it (rule pack `title`), shown instead of the id. */
  title: string;
  kind: AlertKind;
  severity: string;
  enabled: boolean;
}
