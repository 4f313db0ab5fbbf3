ALTER TABLE "attempts" ADD COLUMN "level_before" integer;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "level_after" integer;