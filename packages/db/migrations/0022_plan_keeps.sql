CREATE TABLE "plan_keeps" (
	"org_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"object_id" uuid NOT NULL,
	"chosen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_keeps_org_id_metric_object_id_pk" PRIMARY KEY("org_id","metric","object_id")
);
--> statement-breakpoint
ALTER TABLE "plan_keeps" ADD CONSTRAINT "plan_keeps_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_keeps_org_idx" ON "plan_keeps" USING btree ("org_id");
