CREATE TABLE "member_ad_accounts" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"ad_account_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_changes" ALTER COLUMN "campaign_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "approval_policy" jsonb;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "guardrail_settings" jsonb;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "automation_stopped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "automation_stopped_by" text;--> statement-breakpoint
ALTER TABLE "ad_groups" ADD COLUMN "lifetime_budget_micros" bigint;--> statement-breakpoint
ALTER TABLE "ad_groups" ADD COLUMN "bid_strategy" text;--> statement-breakpoint
ALTER TABLE "ad_groups" ADD COLUMN "bid_micros" bigint;--> statement-breakpoint
ALTER TABLE "ad_groups" ADD COLUMN "is_learning" boolean;--> statement-breakpoint
ALTER TABLE "ad_groups" ADD COLUMN "change_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ads" ADD COLUMN "change_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "bid_strategy" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "bid_micros" bigint;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "target_roas" double precision;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "ad_account_id" uuid;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "entity_level" text DEFAULT 'campaign' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "entity_id" uuid;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "payload" jsonb;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "evidence" jsonb;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "stake_micros_per_day" bigint;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "guardrails" jsonb;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "decided_by_type" text;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "decided_by_id" text;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "decided_by_label" text;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "decision_note" text;--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD COLUMN "proposed_after" text;--> statement-breakpoint
ALTER TABLE "member_ad_accounts" ADD CONSTRAINT "member_ad_accounts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_ad_accounts" ADD CONSTRAINT "member_ad_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_ad_accounts" ADD CONSTRAINT "member_ad_accounts_ad_account_id_ad_accounts_id_fk" FOREIGN KEY ("ad_account_id") REFERENCES "public"."ad_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "member_ad_accounts_key" ON "member_ad_accounts" USING btree ("org_id","user_id","ad_account_id");--> statement-breakpoint
CREATE INDEX "member_ad_accounts_account_idx" ON "member_ad_accounts" USING btree ("ad_account_id");--> statement-breakpoint
ALTER TABLE "campaign_changes" ADD CONSTRAINT "campaign_changes_ad_account_id_ad_accounts_id_fk" FOREIGN KEY ("ad_account_id") REFERENCES "public"."ad_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_changes_state_idx" ON "campaign_changes" USING btree ("org_id","state","created_at");--> statement-breakpoint
UPDATE "campaign_changes" cc SET "ad_account_id" = c."ad_account_id" FROM "campaigns" c WHERE c."id" = cc."campaign_id" AND cc."ad_account_id" IS NULL;--> statement-breakpoint
UPDATE "campaign_changes" SET "actor_type" = 'system' WHERE "actor_type" IS NULL OR "actor_type" NOT IN ('user', 'api_key', 'rule', 'ai', 'system', 'platform');
