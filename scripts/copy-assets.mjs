// Copies non-TypeScript runtime assets (SQL migrations) next to the compiled code.
import { chmodSync, cpSync, mkdirSync } from 'node:fs';

// The CLI has a shebang: executable, it runs as ./dist/src/cli/main.js (an npm install sets this for the bin itself).
chmodSync('dist/src/cli/main.js', 0o755);

mkdirSync('dist/src/store/migrations', { recursive: true });
cpSync('src/store/migrations', 'dist/src/store/migrations', { recursive: true });
