ALTER TABLE "queues" ADD COLUMN "auto_accept" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "offer_timeout_seconds" integer;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "offer_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "declined_by" uuid[] DEFAULT '{}'::uuid[] NOT NULL;