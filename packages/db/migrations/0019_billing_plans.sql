CREATE TABLE "billing_accounts" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"stripe_customer_id" text NOT NULL,
	"stripe_subscription_id" text,
	"status" text,
	"plan_id" text,
	"interval" text,
	"current_period_end" timestamp with time zone,
	"trial_end" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_accounts_stripe_customer_id_unique" UNIQUE("stripe_customer_id")
);
--> statement-breakpoint
CREATE TABLE "billing_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"org_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"monthly_price_cents" integer,
	"annual_price_cents" integer,
	"custom" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"limits" jsonb NOT NULL,
	"features" jsonb NOT NULL,
	"stripe_lookup_key" text NOT NULL,
	CONSTRAINT "plans_stripe_lookup_key_unique" UNIQUE("stripe_lookup_key")
);
--> statement-breakpoint
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_events" ADD CONSTRAINT "billing_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "plans" ("id", "name", "position", "monthly_price_cents", "annual_price_cents", "custom", "active", "limits", "features", "stripe_lookup_key") VALUES
  ('free', 'Free', 0, 0, 0, false, true, '{"adAccounts":1,"campaigns":3,"aiGenerationsPerMonth":50,"users":1,"historyDays":30,"rules":3}', '{"reportExports":["pdf"],"apiAccess":false}', 'adloop_free'),
  ('starter', 'Starter', 1, 4900, 47040, false, true, '{"adAccounts":3,"campaigns":20,"aiGenerationsPerMonth":500,"users":3,"historyDays":183,"rules":10}', '{"reportExports":["pdf","csv"],"apiAccess":false}', 'adloop_starter'),
  ('pro', 'Pro', 2, 14900, 143040, false, true, '{"adAccounts":10,"campaigns":100,"aiGenerationsPerMonth":2000,"users":10,"historyDays":365,"rules":50}', '{"reportExports":["pdf","csv","xlsx"],"apiAccess":false}', 'adloop_pro'),
  ('agency', 'Agency', 3, 39900, 383040, false, true, '{"adAccounts":null,"campaigns":null,"aiGenerationsPerMonth":10000,"users":null,"historyDays":730,"rules":null}', '{"reportExports":["pdf","csv","xlsx"],"apiAccess":true}', 'adloop_agency'),
  ('enterprise', 'Enterprise', 4, NULL, NULL, true, true, '{"adAccounts":null,"campaigns":null,"aiGenerationsPerMonth":null,"users":null,"historyDays":null,"rules":null}', '{"reportExports":["pdf","csv","xlsx"],"apiAccess":true}', 'adloop_enterprise');
