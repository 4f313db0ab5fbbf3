-- Players could open any number of attempts at one challenge. Keep each player's oldest open attempt per
-- challenge and drop the others: they were never submitted, so no score, ledger row or badge refers to them.
DELETE FROM "attempts" AS "newer" USING "attempts" AS "older"
WHERE "newer"."status" = 'started' AND "older"."status" = 'started'
  AND "newer"."user_id" = "older"."user_id" AND "newer"."challenge_id" = "older"."challenge_id"
  AND ("newer"."started_at", "newer"."id") > ("older"."started_at", "older"."id");--> statement-breakpoint
CREATE UNIQUE INDEX "attempts_one_open_per_challenge" ON "attempts" USING btree ("user_id","challenge_id") WHERE "attempts"."status" = 'started';
