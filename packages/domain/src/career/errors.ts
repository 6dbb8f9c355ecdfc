// Impossible service histories: a typed domain error naming the offending item.

export type HistoryErrorCode =
  | 'INVALID_DATE'
  | 'UNKNOWN_LEVEL'
  | 'BEFORE_ENTRY'
  | 'AFTER_AS_ON'
  | 'INVALID_PERIOD'
  | 'OVERLAPPING_DEFERMENTS'
  | 'NOT_AN_UPGRADATION'
  | 'MACP_NOT_NEXT_LEVEL'
  | 'MORE_THAN_THREE'
  | 'SCHEME_DATE'
  | 'PAY_NOT_A_CELL'
  | 'PAY_LEVEL_MISMATCH'
  | 'NON_FUNCTIONAL_DATE';

/** Thrown for a history that cannot be true. `item` names it, e.g. "promotions[1]", "deferments[0]". */
export class HistoryError extends Error {
  readonly code: HistoryErrorCode;
  readonly item: string;
  constructor(code: HistoryErrorCode, item: string, message: string) {
    super(`${item}: ${message}`);
    this.name = 'HistoryError';
    this.code = code;
    this.item = item;
  }
}
