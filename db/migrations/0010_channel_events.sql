CREATE TABLE "attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"channel_kind" text NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"content_type" text,
	"size" integer,
	"ref" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"content" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "last_inbound_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "provider_ref" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "occurred_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "provider_id" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "read_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_event_idx" ON "attachments" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "attachments_pending_idx" ON "attachments" USING btree ("next_attempt_at") WHERE "attachments"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "events_provider_ref_idx" ON "events" USING btree ("provider_ref") WHERE "events"."provider_ref" is not null;--> statement-breakpoint
CREATE INDEX "outbox_provider_idx" ON "outbox" USING btree ("provider_id") WHERE "outbox"."provider_id" is not null;--> statement-breakpoint
CREATE INDEX "outbox_unread_idx" ON "outbox" USING btree ("conversation_id","sent_at") WHERE "outbox"."read_at" is null and "outbox"."status" = 'sent';--> statement-breakpoint
UPDATE "events" SET "occurred_at" = "created_at";--> statement-breakpoint
UPDATE "conversations" c SET "last_inbound_at" = (SELECT max(e."created_at") FROM "events" e WHERE e."conversation_id" = c."id" AND e."type" = 'message' AND e."direction" = 'in');
