/** The parent Party organisation the branches belong to, e.g. 县政协机关党总支. */
export interface Organisation {
  /** Short stable id from the organisation file, e.g. `zxjg`. */
  id: string;
  name: string;
}
