CREATE TABLE "rule_run_unmatched" (
	"run_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"entity_level" text NOT NULL,
	"objects" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rule_run_unmatched" ADD CONSTRAINT "rule_run_unmatched_run_id_rule_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."rule_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_run_unmatched" ADD CONSTRAINT "rule_run_unmatched_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rule_run_unmatched_org_idx" ON "rule_run_unmatched" USING btree ("org_id","created_at");