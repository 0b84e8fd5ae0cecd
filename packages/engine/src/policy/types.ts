/** Which changes wait for approval (stored per organisation; missing keys take `DEFAULT_APPROVAL_POLICY`). */
export interface ApprovalPolicy {
  /** Members' new campaigns wait for a manager (CAMP-016/017). */
  memberLaunches: boolean;
  /** Budget changes whose daily stake exceeds `amountMicros`, or whose size exceeds `percent` of the old budget; null: no limit. */
  budgetAbove: { amountMicros: number | null; percent: number | null };
}

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = { memberLaunches: true, budgetAbove: { amountMicros: null, percent: null } };

/** A rule acts on its own (`auto`) or proposes (`approve`, the default: humans approve what touches money). */
export type RuleMode = 'auto' | 'approve';

export interface ApprovalQuestion {
  actorType: 'user' | 'api_key' | 'rule' | 'ai' | 'system' | 'platform';
  /** The person's role in the organisation (null for keys and automation). */
  role: string | null;
  /** May this actor approve changes itself (owner, admin, manager)? Their own changes go straight through. */
  canApprove: boolean;
  ruleMode?: RuleMode | undefined;
  field: string;
  before: string | null;
  after: string | null;
}

export interface ApprovalAnswer {
  needed: boolean;
  /** Why, in words, when needed. */
  why: string | null;
}
