ALTER TABLE "surveys" ADD COLUMN "token" text;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_token_unique" UNIQUE("token");