import { startDemo } from './demo-flow.js';
import { startLiveBoard } from './live-board.js';

// The board tells the demo about awards, and the demo tells the board who "you" are.
let demo = null;
const board = startLiveBoard({ onAward: (message) => demo && demo.onAward(message) });
demo = startDemo({ board });
