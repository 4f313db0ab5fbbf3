DROP INDEX "attempts_user_started_idx";--> statement-breakpoint
CREATE INDEX "attempts_unawarded_idx" ON "attempts" USING btree ("submitted_at") WHERE "attempts"."status" <> 'started' and "attempts"."awarded_at" is null;--> statement-breakpoint
CREATE INDEX "attempts_user_started_idx" ON "attempts" USING btree ("user_id","started_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);