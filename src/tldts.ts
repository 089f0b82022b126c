/**
 * tldts, loaded with `require`. tldts ships CommonJS only; imported as an ES module, Node first scans its 200 KB
 * bundle with cjs-module-lexer to learn the export names, which costs every command 40–60 ms of start-up CPU
 * (measured on the 2-core development machine). `require` loads the same code without that scan.
 */
import { createRequire } from 'node:module';

type Tldts = typeof import('tldts');

export const { getDomain, parse } = createRequire(import.meta.url)('tldts') as Tldts;
