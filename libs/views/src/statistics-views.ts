/**
 * The month's figures for the leading group's joint meeting (统计与报送): the detector answers them, the admin adds
 * the dead letters it keeps, the console charts them and exports the monthly report. Amounts in fen.
 */
export interface MonthlyStatisticsView {
  month: string;
  /** Per county, township (9 digits of the village code, when grants name one) and program. */
  assisted: {
    regionCode: string;
    township: string | null;
    program: string;
    programName: string;
    persons: number;
    grants: number;
    amountFen: number;
  }[];
  duplicates: { found: number; amountDueFen: number; recoveredFen: number };
  omissions: { found: number; fulfilled: number; averageDaysToFulfil: number | null };
  /** Emergency applications decided in the month and SLA alerts raised in it. */
  applications: { decided: number; late: number; onTimeShare: number | null };
  /** Events that became facts in the month, per department (feed health). */
  departments: {
    department: string;
    grants: number;
    statuses: number;
    applications: number;
    /** Added by the admin (the scorecard): dead letters, intake's accepted and flagged events, records sent to review. */
    deadLetters?: number;
    accepted?: number;
    flagged?: number;
    flags?: Record<string, number>;
    sentToReview?: number;
  }[];
}

/** A department's data quality in a month (the scorecard): what intake kept and flagged, what waits for a reviewer. */
export interface DepartmentQualityView {
  department: string;
  /** Events intake stored in the month. */
  accepted: number;
  /** Of those, events with data-quality flags, and how many carried each flag. */
  flagged: number;
  flags: Record<string, number>;
}

/** Department records the matcher sent to review in a month. */
export interface DepartmentReviewsView {
  department: string;
  sentToReview: number;
}
