-- Every query of metrics_daily filters on the level (campaign, ad group, ad) as well as the organisation and dates.
CREATE INDEX "metrics_daily_org_level_date_idx" ON "metrics_daily" ("org_id", "level", "date");
--> statement-breakpoint
DROP INDEX "metrics_daily_org_date_idx";
