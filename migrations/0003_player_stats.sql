CREATE TABLE "player_challenges" (
	"user_id" uuid NOT NULL,
	"challenge_id" uuid NOT NULL,
	"best_score" integer NOT NULL,
	"xp_paid" integer DEFAULT 0 NOT NULL,
	"first_passed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "player_challenges_user_id_challenge_id_pk" PRIMARY KEY("user_id","challenge_id")
);
--> statement-breakpoint
CREATE TABLE "player_pass_days" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "player_pass_days_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "player_stats" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"passed_attempts" integer DEFAULT 0 NOT NULL,
	"distinct_challenges" integer DEFAULT 0 NOT NULL,
	"perfect_scores" integer DEFAULT 0 NOT NULL,
	"passed_by_difficulty" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"passed_by_tag" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"current_streak" integer DEFAULT 0 NOT NULL,
	"longest_streak" integer DEFAULT 0 NOT NULL,
	"last_pass_day" date
);
--> statement-breakpoint
CREATE TABLE "player_window_totals" (
	"user_id" uuid NOT NULL,
	"window_id" text NOT NULL,
	"xp" integer NOT NULL,
	"reached_at" timestamp with time zone NOT NULL,
	CONSTRAINT "player_window_totals_window_id_user_id_pk" PRIMARY KEY("window_id","user_id"),
	CONSTRAINT "player_window_totals_xp_positive" CHECK ("player_window_totals"."xp" > 0)
);
--> statement-breakpoint
DROP INDEX "users_ranking_idx";--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "pass_day" date;--> statement-breakpoint
ALTER TABLE "player_challenges" ADD CONSTRAINT "player_challenges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "player_challenges" ADD CONSTRAINT "player_challenges_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "player_pass_days" ADD CONSTRAINT "player_pass_days_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "player_stats" ADD CONSTRAINT "player_stats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "player_window_totals" ADD CONSTRAINT "player_window_totals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "player_challenges_challenge_idx" ON "player_challenges" USING btree ("challenge_id");--> statement-breakpoint
CREATE INDEX "player_window_totals_standing_idx" ON "player_window_totals" USING btree ("window_id","xp" DESC NULLS FIRST,"reached_at","user_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "player_window_totals_user_idx" ON "player_window_totals" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "users_standing_idx" ON "users" USING btree ("total_xp" DESC NULLS FIRST,date_trunc('second', "xp_reached_at" at time zone 'UTC'),"id" DESC NULLS FIRST) WHERE "users"."total_xp" > 0;--> statement-breakpoint
-- Backfill (hand-written): the incremental tables from what an upgraded database already holds, as
-- the recalc job (src/awards/rebuild-player-stats.ts) computes them. History does not say which
-- timezone a past pass was awarded in, so past passes count in the player's current timezone.
UPDATE "attempts" a SET "pass_day" = (a."submitted_at" AT TIME ZONE u."timezone")::date
FROM "users" u
WHERE u."id" = a."user_id" AND a."status" = 'passed' AND a."awarded_at" IS NOT NULL;--> statement-breakpoint
INSERT INTO "player_challenges" ("user_id", "challenge_id", "best_score", "xp_paid", "first_passed_at")
SELECT a."user_id", a."challenge_id", max(a."score"),
       coalesce((SELECT sum(e."xp") FROM "xp_events" e WHERE e."user_id" = a."user_id" AND e."challenge_id" = a."challenge_id"), 0),
       min(a."submitted_at")
FROM "attempts" a
WHERE a."status" = 'passed' AND a."awarded_at" IS NOT NULL
GROUP BY a."user_id", a."challenge_id";--> statement-breakpoint
INSERT INTO "player_pass_days" ("user_id", "day")
SELECT DISTINCT "user_id", "pass_day" FROM "attempts" WHERE "pass_day" IS NOT NULL;--> statement-breakpoint
WITH passes AS (
  SELECT "user_id", count(*)::int AS n FROM "attempts"
  WHERE "status" = 'passed' AND "awarded_at" IS NOT NULL GROUP BY "user_id"
), per_challenge AS (
  SELECT pc."user_id", count(*)::int AS n, count(*) FILTER (WHERE pc."best_score" = 100)::int AS perfect,
         jsonb_build_object('easy', count(*) FILTER (WHERE c."difficulty" = 'easy'),
                            'medium', count(*) FILTER (WHERE c."difficulty" = 'medium'),
                            'hard', count(*) FILTER (WHERE c."difficulty" = 'hard')) AS by_difficulty
  FROM "player_challenges" pc JOIN "challenges" c ON c."id" = pc."challenge_id" GROUP BY pc."user_id"
), per_tag AS (
  SELECT "user_id", jsonb_object_agg("tag", n) AS by_tag FROM (
    SELECT pc."user_id", t."tag", count(DISTINCT pc."challenge_id")::int AS n
    FROM "player_challenges" pc JOIN "challenges" c ON c."id" = pc."challenge_id", unnest(c."tags") AS t("tag")
    GROUP BY pc."user_id", t."tag") tags
  GROUP BY "user_id"
), runs AS (
  SELECT "user_id", count(*)::int AS len, max("day") AS last_day FROM (
    SELECT "user_id", "day", "day" - (row_number() OVER (PARTITION BY "user_id" ORDER BY "day"))::int AS grp
    FROM "player_pass_days") d
  GROUP BY "user_id", grp
), streaks AS (
  SELECT DISTINCT ON ("user_id") "user_id", len AS current_streak, max(len) OVER (PARTITION BY "user_id") AS longest_streak, last_day
  FROM runs ORDER BY "user_id", last_day DESC
)
INSERT INTO "player_stats" ("user_id", "passed_attempts", "distinct_challenges", "perfect_scores", "passed_by_difficulty",
                            "passed_by_tag", "current_streak", "longest_streak", "last_pass_day")
SELECT p."user_id", p.n, pc.n, pc.perfect, pc.by_difficulty, coalesce(t.by_tag, '{}'::jsonb),
       s.current_streak, s.longest_streak, s.last_day
FROM passes p
JOIN per_challenge pc ON pc."user_id" = p."user_id"
JOIN streaks s ON s."user_id" = p."user_id"
LEFT JOIN per_tag t ON t."user_id" = p."user_id";--> statement-breakpoint
INSERT INTO "player_window_totals" ("user_id", "window_id", "xp", "reached_at")
SELECT e."user_id", w."window_id", sum(e."xp")::int, date_trunc('second', max(e."created_at") FILTER (WHERE e."xp" > 0))
FROM "xp_events" e
CROSS JOIN LATERAL (VALUES ('week-' || to_char(date_trunc('week', e."created_at" AT TIME ZONE 'UTC'), 'YYYY-MM-DD')),
                           ('month-' || to_char(e."created_at" AT TIME ZONE 'UTC', 'YYYY-MM'))) AS w("window_id")
GROUP BY e."user_id", w."window_id"
HAVING sum(e."xp") > 0;
