/** What the disclosures module reads of its siblings, through the ports of src/regime/ports.ts. */
import type {
  CommentsAccess,
  HonoursRead,
  LedgerAccess,
  RatingsAccess,
  SurveyResultsRead,
} from '../ports.js';

export interface DisclosureDeps {
  /** With `linesOf`, which the digests count by. */
  ledger: Required<LedgerAccess>;
  ratings: RatingsAccess;
  comments: CommentsAccess;
  surveys: SurveyResultsRead;
  honours: HonoursRead;
}
