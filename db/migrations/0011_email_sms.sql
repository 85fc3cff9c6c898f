ALTER TABLE "identities" ADD COLUMN "opted_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "reply_token" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "provider_state" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "provider_state_rank" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "provider_error" text;--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_reply_token_uq" ON "conversations" USING btree ("reply_token");--> statement-breakpoint
UPDATE "outbox" SET "provider_state" = CASE WHEN "read_at" IS NOT NULL THEN 'read' WHEN "delivered_at" IS NOT NULL THEN 'delivered' ELSE 'sent' END, "provider_state_rank" = CASE WHEN "read_at" IS NOT NULL THEN 4 WHEN "delivered_at" IS NOT NULL THEN 3 ELSE 2 END WHERE "status" = 'sent';
