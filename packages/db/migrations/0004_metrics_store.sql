-- The metrics store: one row per (entity, hour) and per (entity, day), range-partitioned by
-- month on `date`, plus daily rollups per account and per organisation. `date`/`hour` are in the
-- row's `time_basis` ('account' = the ad account's time zone, 'utc' = TikTok hourly).
CREATE TABLE "metrics_hourly" (
	"org_id" uuid NOT NULL,
	"ad_account_id" uuid NOT NULL,
	"level" text NOT NULL,
	"entity_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"date" date NOT NULL,
	"hour" smallint NOT NULL,
	"time_basis" text NOT NULL,
	"impressions" bigint NOT NULL,
	"clicks" bigint NOT NULL,
	"spend_micros" bigint NOT NULL,
	"conversions" double precision NOT NULL,
	"conversion_value_micros" bigint NOT NULL,
	"currency" text NOT NULL,
	"synced_at" timestamp with time zone NOT NULL,
	PRIMARY KEY ("ad_account_id", "level", "entity_id", "date", "hour"),
	FOREIGN KEY ("ad_account_id") REFERENCES "ad_accounts"("id") ON DELETE CASCADE
) PARTITION BY RANGE ("date");
--> statement-breakpoint
CREATE TABLE "metrics_daily" (
	"org_id" uuid NOT NULL,
	"ad_account_id" uuid NOT NULL,
	"level" text NOT NULL,
	"entity_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"date" date NOT NULL,
	"time_basis" text NOT NULL,
	"impressions" bigint NOT NULL,
	"clicks" bigint NOT NULL,
	"spend_micros" bigint NOT NULL,
	"conversions" double precision NOT NULL,
	"conversion_value_micros" bigint NOT NULL,
	"currency" text NOT NULL,
	"synced_at" timestamp with time zone NOT NULL,
	PRIMARY KEY ("ad_account_id", "level", "entity_id", "date"),
	FOREIGN KEY ("ad_account_id") REFERENCES "ad_accounts"("id") ON DELETE CASCADE
) PARTITION BY RANGE ("date");
--> statement-breakpoint
CREATE INDEX "metrics_hourly_org_date_idx" ON "metrics_hourly" ("org_id", "date");
--> statement-breakpoint
CREATE INDEX "metrics_daily_org_date_idx" ON "metrics_daily" ("org_id", "date");
--> statement-breakpoint
-- Creates the monthly partitions of `parent` covering [from, to]; safe to call repeatedly.
CREATE FUNCTION adloop_ensure_month_partitions(parent text, from_date date, to_date date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	month date := date_trunc('month', from_date)::date;
	part text;
BEGIN
	WHILE month <= to_date LOOP
		part := parent || '_' || to_char(month, 'YYYYMM');
		IF to_regclass(part) IS NULL THEN
			-- Two syncs may reach a new month at once: the first creates, the second waits and skips.
			PERFORM pg_advisory_xact_lock(hashtext(part));
			EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
				part, parent, month, (month + interval '1 month')::date);
		END IF;
		month := (month + interval '1 month')::date;
	END LOOP;
END;
$$;
--> statement-breakpoint
-- Daily totals per ad account (campaign level), recomputed for the dates a sync touched.
CREATE TABLE "metrics_account_daily" (
	"org_id" uuid NOT NULL,
	"ad_account_id" uuid NOT NULL,
	"date" date NOT NULL,
	"impressions" bigint NOT NULL,
	"clicks" bigint NOT NULL,
	"spend_micros" bigint NOT NULL,
	"conversions" double precision NOT NULL,
	"conversion_value_micros" bigint NOT NULL,
	"currency" text NOT NULL,
	"campaigns" integer NOT NULL,
	PRIMARY KEY ("ad_account_id", "date"),
	FOREIGN KEY ("ad_account_id") REFERENCES "ad_accounts"("id") ON DELETE CASCADE
);
--> statement-breakpoint
CREATE INDEX "metrics_account_daily_org_date_idx" ON "metrics_account_daily" ("org_id", "date");
--> statement-breakpoint
-- Daily totals per organisation, platform and currency (conversion to a reporting currency happens at query time).
CREATE TABLE "metrics_org_daily" (
	"org_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"currency" text NOT NULL,
	"date" date NOT NULL,
	"impressions" bigint NOT NULL,
	"clicks" bigint NOT NULL,
	"spend_micros" bigint NOT NULL,
	"conversions" double precision NOT NULL,
	"conversion_value_micros" bigint NOT NULL,
	PRIMARY KEY ("org_id", "platform", "currency", "date"),
	FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE
);
