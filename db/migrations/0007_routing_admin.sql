CREATE TABLE "entry_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"channel_kind" text,
	"language" text,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"queue_id" uuid,
	"priority_boost" integer DEFAULT 0 NOT NULL,
	"skill" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "presence_reasons" (
	"code" text PRIMARY KEY NOT NULL,
	"presence" text NOT NULL,
	"label_pl" text NOT NULL,
	"label_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "presence_reasons_presence_ck" CHECK ("presence_reasons"."presence" in ('busy', 'break', 'after_call_work', 'training', 'offline'))
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "ivr_digits" text;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "required_skills" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "entry_rules" ADD CONSTRAINT "entry_rules_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_rules" ADD CONSTRAINT "entry_rules_skill_skills_key_fk" FOREIGN KEY ("skill") REFERENCES "public"."skills"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_assignment_time_idx" ON "events" USING btree ("created_at") WHERE "events"."type" = 'assignment';--> statement-breakpoint
ALTER TABLE "queues" ADD CONSTRAINT "queues_ivr_digits_unique" UNIQUE("ivr_digits");--> statement-breakpoint
INSERT INTO "presence_reasons" ("code", "presence", "label_pl", "label_en") VALUES
	('obiad', 'break', 'Przerwa obiadowa', 'Lunch break'),
	('przerwa', 'break', 'Krótka przerwa', 'Short break'),
	('notatki', 'after_call_work', 'Notatki po rozmowie', 'Wrap-up notes'),
	('spotkanie', 'busy', 'Spotkanie zespołu', 'Team meeting'),
	('szkolenie', 'training', 'Szkolenie', 'Training'),
	('quiz', 'training', 'Quiz wiedzy', 'Knowledge quiz'),
	('koniec-zmiany', 'offline', 'Koniec zmiany', 'End of shift')
ON CONFLICT DO NOTHING;
