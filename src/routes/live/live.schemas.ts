import { z } from '@hono/zod-openapi';
import { DEFAULT_BOARD_SIZE, MAX_BAD_MESSAGES, MAX_BOARD_SIZE, MAX_CLIENT_MESSAGE_BYTES, PING_TEXT, PONG_TEXT } from '../../hub/live-protocol';
import { WindowSchema } from '../leaderboard/leaderboard.schemas';

export const LiveQuerySchema = z.object({
  window: WindowSchema,
  size: z.coerce.number().int().min(1).max(MAX_BOARD_SIZE).default(DEFAULT_BOARD_SIZE).openapi({ description: 'rows of the board to follow' }),
});

export const LiveHeadersSchema = z.object({
  upgrade: z.string().optional().openapi({ description: 'must be `websocket`', example: 'websocket' }),
});

/** The message protocol as Swagger UI shows it (docs/live-protocol.md has the long form). */
export const LIVE_PROTOCOL_DESCRIPTION = `Opens a WebSocket that follows one leaderboard window. Every message is JSON with \`"v": 1\`.

**Server → client**
- \`{"v":1,"type":"snapshot","window","size","entries":[{rank,user_id,username,total_xp,level}]}\` — on connect and after each \`subscribe\`.
- \`{"v":1,"type":"update","window","entries":[…changed rows],"removed":[user_id…],"awards":[{user_id,username,xp_awarded,total_xp,level,level_up,badges:[{badge_id,name}]}],"award":{user_id,username,xp_awarded,total_xp,level},"level_up"?:{user_id,username,level},"badges"?:[{user_id,username,badge_id,name}]}\` — after every batch of committed awards (a burst is one update; \`awards\` lists them all, \`award\`/\`level_up\`/\`badges\` describe the last). Merge \`entries\` by \`user_id\`, drop \`removed\`.
- \`{"v":1,"type":"error","code","message"}\` — codes \`bad_json\`, \`unknown_type\`, \`invalid_message\`, \`too_large\`, \`unsupported_data\`, \`unavailable\`, \`rate_limited\`.

**Client → server**
- \`{"type":"subscribe","window":"all|week|month","size":1..${MAX_BOARD_SIZE}}\` — change what you follow; a new snapshot follows.
- \`${PING_TEXT}\` — exactly this text is answered \`${PONG_TEXT}\` by the runtime (keep-alive, even while the hub hibernates); any other valid ping gets \`{"v":1,"type":"pong"}\`.

When the hub already holds LIVE_MAX_SUBSCRIBERS sockets (default 10 000) the upgrade is refused with a 503 and \`Retry-After\`.
When your address (CF-Connecting-IP; an IPv6 /64 is one address) already has LIVE_MAX_SOCKETS_PER_CLIENT sockets open (default 20) it is refused with a 429 (\`rate_limited\`) and \`Retry-After\`: close one first.
Each socket may send LIVE_SUBSCRIBES_PER_SECOND \`subscribe\` messages in any second (default 2); one more is answered with a \`rate_limited\` error instead of a snapshot and changes nothing.
Messages over ${MAX_CLIENT_MESSAGE_BYTES} bytes, bad JSON, unknown types and subscribes past the rate get an \`error\` message; more than ${MAX_BAD_MESSAGES} of them close the socket with code 1008.
Swagger UI cannot open WebSockets: use \`new WebSocket('ws://<host>/leaderboard/live?window=all&size=10')\`.`;
