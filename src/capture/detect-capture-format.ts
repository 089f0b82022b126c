/**
 * Decides which reader a capture file needs: an explicit override wins, then the file's first bytes,
 * then its extension (a `.pcap` may well be pcapng, so content beats the name).
 */
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { ImportError } from '../model/errors.js';
import type { CaptureFormat } from '../model/observation.js';
import { toImportError } from './read-file-chunks.js';

/** How many leading bytes are enough to recognise every format we read. */
const SNIFF_LENGTH = 4096;

const EXTENSIONS: ReadonlyMap<string, CaptureFormat> = new Map([
  ['.pcap', 'pcap'],
  ['.cap', 'pcap'],
  ['.dmp', 'pcap'],
  ['.pcapng', 'pcapng'],
  ['.ntar', 'pcapng'],
  ['.har', 'har'],
  ['.log', 'zeek'],
]);

/** Recognises a format from the first bytes of a file; null when nothing matches. */
export function detectFormatFromBytes(head: Uint8Array): CaptureFormat | null {
  if (head.length >= 4) {
    const magic = (((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0)) >>> 0;
    switch (magic) {
      case 0xa1b2c3d4:
      case 0xd4c3b2a1:
      case 0xa1b23c4d:
      case 0x4d3cb2a1:
      case 0xa1b2cd34:
      case 0x34cdb2a1:
        return 'pcap';
      case 0x0a0d0d0a:
        return 'pcapng';
      default:
        break;
    }
  }
  let text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const trimmed = text.trimStart();
  if (trimmed.startsWith('#separator')) return 'zeek';
  if (trimmed.startsWith('{')) {
    if (/"log"\s*:/.test(trimmed)) return 'har';
    // Zeek's JSON logs: one object per line with its own field names.
    if (/"ts"\s*:/.test(trimmed) && /"uid"\s*:/.test(trimmed)) return 'zeek';
  }
  return null;
}

/**
 * Returns the format to read `file` with.
 * @throws ImportError naming the file when neither content nor extension tells.
 */
export async function detectCaptureFormat(file: string, override?: CaptureFormat): Promise<CaptureFormat> {
  if (override !== undefined) return override;
  let head: Uint8Array;
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = new Uint8Array(SNIFF_LENGTH);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_LENGTH, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw toImportError(file, error);
  }
  if (head.length === 0) throw new ImportError(file, 'byte offset 0: file is empty');
  const fromBytes = detectFormatFromBytes(head);
  if (fromBytes !== null) return fromBytes;
  const fromExtension = EXTENSIONS.get(extname(file).toLowerCase());
  if (fromExtension !== undefined) return fromExtension;
  throw new ImportError(
    file,
    'byte offset 0: not a recognised capture format (pcap, pcapng, HAR or Zeek log)',
    'pass --format pcap|pcapng|har|zeek if the file is one of these',
  );
}
