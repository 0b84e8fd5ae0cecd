ALTER TABLE "rule_run_unmatched" ALTER COLUMN "objects" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "rule_run_unmatched" ALTER COLUMN "objects" SET STORAGE EXTERNAL;
