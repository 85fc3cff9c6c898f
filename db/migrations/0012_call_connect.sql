ALTER TABLE "consultants" ADD COLUMN "voice_target" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "call_connected_to" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "call_connect_lease" timestamp with time zone;