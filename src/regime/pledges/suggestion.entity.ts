/** A suggestion for the branch pledge book (征求意见), from the branch group or the evaluators' group. */
export interface Suggestion {
  _id: string;
  branchId: string;
  year: number;
  author: string;
  authorName: string;
  theme: string;
  text: string;
  at: Date;
  /** The item it became, once the secretary took it. */
  takenAs?: string;
  takenAt?: Date;
}
