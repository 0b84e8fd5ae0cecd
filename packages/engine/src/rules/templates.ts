import type { RuleBody } from '@adloop/contracts';

export interface RuleTemplateDef {
  id: string;
  name: string;
  description: string;
  body: RuleBody;
}

export const RULE_TEMPLATES: readonly RuleTemplateDef[] = [];
