ALTER TABLE "queues" ADD COLUMN "overflow_queue_id" uuid;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "overflow_after_seconds" integer;--> statement-breakpoint
ALTER TABLE "queues" ADD CONSTRAINT "queues_overflow_queue_id_queues_id_fk" FOREIGN KEY ("overflow_queue_id") REFERENCES "public"."queues"("id") ON DELETE set null ON UPDATE no action;