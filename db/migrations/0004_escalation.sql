ALTER TABLE "contacts" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "escalated_from_queue_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_escalated_from_queue_id_queues_id_fk" FOREIGN KEY ("escalated_from_queue_id") REFERENCES "public"."queues"("id") ON DELETE set null ON UPDATE no action;