/**
 * Plain data the import validators work on. The server loads it (narrowed to what the caller may
 * change) and the validators never look anything up themselves.
 */

/** What kind of rows a file holds: budget/status changes of existing campaigns, or new campaigns. */
export type ImportKind = 'changes' | 'campaigns';

/** One problem of a row (or of the file when `column` names a heading and no row). */
export interface RowIssue {
  /** The file's column (normalised heading, e.g. `amount`); null when the row as a whole is wrong. */
  column: string | null;
  message: string;
}

/** A row as read from the file: normalised heading → cell text (trimmed). */
export type RowValues = Readonly<Record<string, string>>;

/** What the platform of an account takes, from its adapter's capabilities (plain numbers for the account's currency). */
export interface AccountRules {
  /** The platform's name in words ("Meta"), used in messages. */
  platformName: string;
  minDailyBudgetMicros: number;
  budgetStepMicros: number;
  lifetimeBudgets: boolean;
  frozenStatuses: readonly string[];
  objectives: readonly string[];
  /** Null: the platform's ad groups take no keywords. */
  keywordMatchTypes: readonly string[] | null;
  requiredAdAssets: readonly string[];
  adText: {
    headline: { max: number; required: boolean };
    description: { max: number; required: boolean };
    callToActions: readonly string[] | null;
    countsWide: boolean;
  };
}

/** An ad account the caller may work on. */
export interface ImportAccount {
  id: string;
  platform: string;
  platformAccountId: string;
  name: string;
  currency: string;
  rules: AccountRules;
  /** Why nothing can be sent to this account now (e.g. its connection needs reconnecting); absent when it can. */
  unavailable?: string;
}

/** A mirrored campaign of one of those accounts. */
export interface ImportCampaign {
  id: string;
  adAccountId: string;
  platformId: string;
  name: string;
  status: string;
  dailyBudgetMicros: number | null;
  lifetimeBudgetMicros: number | null;
  currency: string;
}

/** Everything a file is checked against: only the accounts (and their campaigns) the caller may change. */
export interface ImportScope {
  accounts: readonly ImportAccount[];
  campaigns: readonly ImportCampaign[];
}

/** A validated row: what to do, or why not. */
export type RowResult<T> = { ok: true; value: T; summary: string } | { ok: false; issues: RowIssue[] };
