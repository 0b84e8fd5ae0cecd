CREATE TABLE "daily_summary_runs" (
	"org_id" uuid NOT NULL,
	"date" date NOT NULL,
	"event_id" uuid,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "daily_summary_runs_org_id_date_pk" PRIMARY KEY("org_id","date")
);
--> statement-breakpoint
ALTER TABLE "daily_summary_runs" ADD CONSTRAINT "daily_summary_runs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;