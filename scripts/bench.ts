/** `npm run bench [-- --scale]`: see scripts/bench/main.ts. */
import './bench/main.ts';
