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
  departments: { department: string; grants: number; statuses: number; applications: number; deadLetters?: number }[];
}
