CREATE TABLE "dispositions" (
	"code" text PRIMARY KEY NOT NULL,
	"label_pl" text NOT NULL,
	"label_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "dispositions" ("code", "label_pl", "label_en", "position") VALUES
	('informacja', 'Udzielono informacji', 'Information given', 1),
	('przekierowano_do_urzedu', 'Przekierowano do urzędu', 'Referred to an office', 2),
	('sprawa_zalatwiona', 'Sprawa załatwiona', 'Matter settled', 3),
	('oddzwonic', 'Oddzwonić', 'Call back', 4),
	('inne', 'Inne', 'Other', 5)
ON CONFLICT DO NOTHING;
