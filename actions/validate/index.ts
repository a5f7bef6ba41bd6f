import { run } from './main.js';

// The bundle's entry (dist/index.js); main.ts only exports run(), so tools can import it without running it.
await run();
