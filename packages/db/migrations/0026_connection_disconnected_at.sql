ALTER TABLE "platform_connections" ADD COLUMN "disconnected_at" timestamp with time zone;--> statement-breakpoint
UPDATE "platform_connections" SET "disconnected_at" = "updated_at" WHERE "status" = 'disconnected';
