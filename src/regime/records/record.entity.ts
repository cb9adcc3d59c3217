/** A member's monthly record (记实): what they did this month, told inside the reminder card. */
export interface MonthRecord {
  /** `${branchId}:${month}:${openId}`: one record per member and month, so a repeated submit overwrites. */
  _id: string;
  branchId: string;
  /** YYYY-MM */
  month: string;
  openId: string;
  /** 本月做了什么 (required). */
  text: string;
  /** 其他 (optional). */
  other?: string;
  /** Ledger lines ticked off (销号) from this record, kept so an edit never ticks one off twice. */
  ticked: Array<{ lineId: string; text: string }>;
  submittedAt: Date;
  updatedAt: Date;
  /** Number of edits after the first submit. */
  edits: number;
  /** Answered after the month closed, through a 补录 the secretary opened. */
  late?: boolean;
}

/** The state of a branch's month of records: closed on the 3rd, reopened for single members (补录). */
export interface RecordMonth {
  /** `${branchId}:${month}` */
  _id: string;
  branchId: string;
  month: string;
  closedAt?: Date;
  /** Members whose month the secretary reopened after the close (补录); they may answer once more. */
  reopened: string[];
}
