#!/usr/bin/env bash
# The seed's curl flow, end to end, against a running `npm run dev` (or BASE_URL):
# register → login → browse → start → submit → watch XP, level, badges and rank arrive.
set -euo pipefail
BASE_URL="${BASE_URL:-http://127.0.0.1:8787}"
USERNAME="demo_$(date +%s)"
PASSWORD="demo-password-123"

# JSON field extraction with Node (always present here), so the demo needs no jq.
field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=process.argv[1].split(".").reduce((o,k)=>o?.[k],JSON.parse(s));console.log(typeof v==="object"?JSON.stringify(v):v)})' "$1"; }
# Colour only on a terminal: piped or logged output stays plain text.
if [ -t 1 ]; then BOLD=$'\033[1m' RED=$'\033[31m' GREEN=$'\033[32m' RESET=$'\033[0m'; else BOLD='' RED='' GREEN='' RESET=''; fi
step() { printf '\n%s▶ %s%s\n' "$BOLD" "$*" "$RESET"; }
fail() { printf '%s✗ %s%s\n' "$RED" "$*" "$RESET" >&2; exit 1; }

# curl that, on an HTTP error, prints the API's own error message (the body's error.message) and stops.
api() {
  local out status
  out=$(curl -sS -w '\n%{http_code}' "$@") || fail "cannot reach $BASE_URL (is npm run dev running?)"
  status=${out##*$'\n'}
  out=${out%$'\n'*}
  if [ "$status" -ge 400 ]; then
    fail "HTTP $status: $(printf '%s' "$out" | field error.message 2>/dev/null || printf '%s' "$out")"
  fi
  printf '%s' "$out"
}

step "GET /health/ready"
api "$BASE_URL/health/ready"
echo

step "POST /auth/register ($USERNAME)"
api -X POST "$BASE_URL/auth/register" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$USERNAME\",\"email\":\"$USERNAME@example.com\",\"password\":\"$PASSWORD\"}"
echo

step "POST /auth/login (JSON, as the seed's curl does)"
TOKEN=$(api -X POST "$BASE_URL/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\"}" | field access_token)
echo "access token: ${TOKEN:0:24}…"
USER_ID=$(api "$BASE_URL/auth/me" -H "Authorization: Bearer $TOKEN" | field id)
echo "user id: $USER_ID"

step "GET /challenges?difficulty=medium"
CHALLENGES=$(api "$BASE_URL/challenges?difficulty=medium&limit=5")
echo "$CHALLENGES" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const c of JSON.parse(s).items)console.log(`  ${c.title} — ${c.xp} XP [${c.tags.join(", ")}]`)})'
CHALLENGE_ID=$(echo "$CHALLENGES" | field items.0.id)
CHALLENGE_XP=$(echo "$CHALLENGES" | field items.0.xp)
[ -n "$CHALLENGE_ID" ] && [ "$CHALLENGE_ID" != "undefined" ] || fail "no medium challenge found (is the seed loaded?)"

step "POST /attempts"
ATTEMPT_ID=$(api -X POST "$BASE_URL/attempts" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"challenge_id\":\"$CHALLENGE_ID\"}" | field id)
echo "attempt: $ATTEMPT_ID"

step "POST /attempts/$ATTEMPT_ID/submit (score 90) → 202, awarded in the background"
api -X POST "$BASE_URL/attempts/$ATTEMPT_ID/submit" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"score":90,"solution":"SELECT customer, sum(amount) OVER (PARTITION BY customer) FROM orders"}'
echo

step "Waiting for the queue consumer"
for _ in $(seq 1 60); do
  XP=$(api "$BASE_URL/attempts/$ATTEMPT_ID" -H "Authorization: Bearer $TOKEN" | field xp_awarded)
  [ "$XP" != "null" ] && break
  sleep 0.5
done
[ "$XP" != "null" ] || fail "the award was not processed within 30 s"
echo "xp awarded: $XP (a pass earns round(challenge XP × score / 100): score 90 on a $CHALLENGE_XP XP challenge)"

step "GET /users/$USER_ID/progress"
PROGRESS=$(api "$BASE_URL/users/$USER_ID/progress")
echo "$PROGRESS" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s);
  console.log(`  total XP ${p.total_xp}, level ${p.level} (${p.xp_into_level} into it, ${p.xp_to_next_level} to level ${p.level+1})`);
  console.log(`  rank #${p.rank}, streak ${p.streak_days} day(s)`);
  console.log(`  badges: ${p.badges.map(b=>b.name).join(", ")||"none yet"}`);
  for (const b of p.badge_progress) console.log(`  … ${b.name}: ${b.current} of ${b.target}`);})'

step "GET /leaderboard?limit=10"
api "$BASE_URL/leaderboard?limit=10" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const e of JSON.parse(s).entries)console.log(`  #${e.rank} ${e.username.padEnd(20)} ${e.total_xp} XP  L${e.level}`)})'

printf '\n%s✓ demo complete: %s earned %s XP%s\n' "$GREEN" "$USERNAME" "$XP" "$RESET"
