CREATE TABLE "anomaly_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"ad_account_id" uuid NOT NULL,
	"campaign_id" uuid,
	"incident_key" text NOT NULL,
	"name" text NOT NULL,
	"metric" text NOT NULL,
	"cause" text NOT NULL,
	"status" text NOT NULL,
	"grain" text NOT NULL,
	"direction" text NOT NULL,
	"method" text NOT NULL,
	"confidence" text NOT NULL,
	"observed" double precision NOT NULL,
	"expected" double precision NOT NULL,
	"lower" double precision NOT NULL,
	"upper" double precision NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"resolved_at" timestamp with time zone,
	"snoozed_until" timestamp with time zone,
	"snoozed_by_id" uuid,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_id" uuid
);
--> statement-breakpoint
ALTER TABLE "anomaly_incidents" ADD CONSTRAINT "anomaly_incidents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anomaly_incidents" ADD CONSTRAINT "anomaly_incidents_ad_account_id_ad_accounts_id_fk" FOREIGN KEY ("ad_account_id") REFERENCES "public"."ad_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anomaly_incidents" ADD CONSTRAINT "anomaly_incidents_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anomaly_incidents" ADD CONSTRAINT "anomaly_incidents_snoozed_by_id_users_id_fk" FOREIGN KEY ("snoozed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anomaly_incidents" ADD CONSTRAINT "anomaly_incidents_acknowledged_by_id_users_id_fk" FOREIGN KEY ("acknowledged_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "anomaly_incidents_open_key" ON "anomaly_incidents" USING btree ("org_id","ad_account_id","incident_key") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "anomaly_incidents_list_idx" ON "anomaly_incidents" USING btree ("org_id","status","opened_at");--> statement-breakpoint
CREATE INDEX "anomaly_incidents_account_idx" ON "anomaly_incidents" USING btree ("ad_account_id","status");