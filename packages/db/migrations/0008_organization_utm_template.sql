-- The organisation's UTM template for new ads' final URLs; null means the default template.
ALTER TABLE "organizations" ADD COLUMN "utm_template" jsonb;
