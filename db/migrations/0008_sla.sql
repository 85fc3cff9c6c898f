CREATE TABLE "business_calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "business_calendars_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"queue_id" uuid,
	"channel_kind" text,
	"min_priority" integer,
	"first_response_seconds" integer,
	"next_response_seconds" integer,
	"resolution_seconds" integer,
	"business_hours" boolean DEFAULT true NOT NULL,
	"warn_percent" integer DEFAULT 80 NOT NULL,
	"on_breach" text DEFAULT 'notify' NOT NULL,
	"breach_priority_boost" integer DEFAULT 0 NOT NULL,
	"reroute_queue_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_name_unique" UNIQUE("name"),
	CONSTRAINT "sla_policies_breach_ck" CHECK ("sla_policies"."on_breach" in ('notify', 'raise_priority', 'reroute')),
	CONSTRAINT "sla_policies_warn_ck" CHECK ("sla_policies"."warn_percent" between 1 and 99)
);
--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "calendar_id" uuid;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "calendar_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla" jsonb;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_breached" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_fire_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_reroute_queue_id_queues_id_fk" FOREIGN KEY ("reroute_queue_id") REFERENCES "public"."queues"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sla_policies_queue_idx" ON "sla_policies" USING btree ("queue_id");--> statement-breakpoint
CREATE INDEX "conversations_sla_fire_idx" ON "conversations" USING btree ("sla_fire_at") WHERE "conversations"."sla_fire_at" is not null;--> statement-breakpoint
CREATE INDEX "conversations_sla_due_idx" ON "conversations" USING btree ("sla_due_at") WHERE "conversations"."sla_due_at" is not null;