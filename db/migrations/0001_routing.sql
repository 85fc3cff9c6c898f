CREATE TABLE "queue_members" (
	"queue_id" uuid NOT NULL,
	"consultant_id" uuid NOT NULL,
	CONSTRAINT "queue_members_queue_id_consultant_id_pk" PRIMARY KEY("queue_id","consultant_id")
);
--> statement-breakpoint
ALTER TABLE "consultants" ADD COLUMN "presence" text DEFAULT 'offline' NOT NULL;--> statement-breakpoint
ALTER TABLE "consultants" ADD COLUMN "presence_reason" text;--> statement-breakpoint
ALTER TABLE "consultants" ADD COLUMN "presence_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultants" ADD COLUMN "capacity" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "consultants" ADD COLUMN "skills" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "consultants" ADD COLUMN "voice_exclusive" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "consultants" ADD COLUMN "last_assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "enqueued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "required_skills" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "queue_members" ADD CONSTRAINT "queue_members_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_members" ADD CONSTRAINT "queue_members_consultant_id_consultants_id_fk" FOREIGN KEY ("consultant_id") REFERENCES "public"."consultants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "queue_members_consultant_idx" ON "queue_members" USING btree ("consultant_id");--> statement-breakpoint
CREATE INDEX "conversations_queued_idx" ON "conversations" USING btree ("status","priority","enqueued_at");--> statement-breakpoint
ALTER TABLE "consultants" ADD CONSTRAINT "consultants_presence_ck" CHECK ("consultants"."presence" in ('available', 'busy', 'break', 'after_call_work', 'training', 'offline'));