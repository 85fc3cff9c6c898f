ALTER TABLE "queues" ADD COLUMN "topic" text;--> statement-breakpoint
ALTER TABLE "queues" ADD CONSTRAINT "queues_topic_unique" UNIQUE("topic");