/**
 * A streaming JSON reader (RFC 8259) that hands over the elements of one array inside a document, such as a
 * HAR's `log.entries`, one at a time as plain values, without holding the document: everything outside that array
 * is checked for syntax and dropped, and chosen strings inside the elements (a HAR response body) are scanned,
 * not kept. Memory is one element at a time, so a HAR of any size can be read, where `JSON.parse` needs the whole
 * text as one string (at most 512 MiB in V8) and about four times the file's size.
 *
 * Bytes are pushed in as they are read (`write`, then `end`); results never depend on where chunks split. The escapes
 * of dropped strings are not checked (their bytes are not kept); everything else is held to the grammar.
 */
import { Buffer } from 'node:buffer';

/** A syntax error: where it is (line and byte column, 1-based), or that the document ended early. */
export class JsonStreamError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly atEnd: boolean,
    readonly character: string | null,
  ) {
    super(atEnd ? `line ${line}: the document ends early` : `line ${line}, column ${column}: unexpected ${JSON.stringify(character)}`);
  }
}

/** What to read from the document. */
export interface JsonArrayStreamOptions {
  /** Keys from the root object to the array whose elements are handed over: `['log', 'entries']`. */
  arrayPath: readonly string[];
  /** Keys from an element to string values that are scanned and dropped (read as null): `[['response', 'content', 'text']]`. */
  droppedStrings?: readonly (readonly string[])[];
  /** A kept string longer than this many bytes is dropped as well (read as null), so no string can exhaust memory. */
  maxStringBytes?: number;
}

/** A container being read: built when it is inside an element, else only checked. */
interface Container {
  kind: 'object' | 'array';
  /** The value built, or null when the container is outside the elements. */
  value: Record<string, unknown> | unknown[] | null;
  /** The key whose value is being read (objects). */
  key: string | null;
  /** Keys from the root (outside elements) or from the element (inside), this container's own key last. */
  path: string[];
  /** This container is the array whose elements are handed over. */
  target: boolean;
  /** Inside an element (or the element itself). */
  inElement: boolean;
}

const enum State {
  Value,
  ValueOrClose,
  KeyOrClose,
  Key,
  Colon,
  AfterValue,
  String,
  Scalar,
  Done,
}

const DEFAULT_MAX_STRING_BYTES = 64 * 1024 * 1024;

/** Push-style reader of one array's elements; see the file comment. */
export class JsonArrayStream {
  private readonly stack: Container[] = [];
  private state = State.Value;
  private line = 1;
  /** Byte offset of the current line's start, and of the chunk being read, in the whole stream. */
  private lineStart = 0;
  private chunkStart = 0;
  /** Bytes of a leading byte order mark read so far (3 once past it, or once the document does not start with one). */
  private bomAt = 0;
  /** The string being read: its bytes (when kept), whether it is a key, and escape state. */
  private stringParts: Uint8Array[] = [];
  private stringBytes = 0;
  private stringKeep = false;
  private stringIsKey = false;
  private stringEscaped = false;
  private stringHasEscape = false;
  /** Characters of a number or literal being read. */
  private scalar = '';
  private scalarLine = 0;
  private scalarColumn = 0;
  private foundTarget = false;
  private readonly dropped: readonly string[][];
  private readonly maxStringBytes: number;
  /** Elements completed by the last `write`, to be taken by the caller. */
  readonly elements: unknown[] = [];
  /** Paths (inside elements, joined with '.') of strings dropped for their size, per element, for warnings. */
  readonly oversized: { element: number; path: string }[] = [];
  private elementCount = 0;

  constructor(private readonly options: JsonArrayStreamOptions) {
    this.dropped = (options.droppedStrings ?? []).map((path) => [...path]);
    this.maxStringBytes = options.maxStringBytes ?? DEFAULT_MAX_STRING_BYTES;
  }

  /** Whether the array was found (meaningful after `end`). */
  get sawArray(): boolean {
    return this.foundTarget;
  }

  /** Reads the next bytes of the document; completed elements are appended to `elements`. */
  write(chunk: Uint8Array): void {
    let i = 0;
    const n = chunk.length;
    // A UTF-8 byte order mark, which JSON does not allow but editors write, even split over chunks.
    while (this.bomAt < 3 && i < n) {
      if (chunk[i] !== UTF8_BOM[this.bomAt] || this.chunkStart + i !== this.bomAt) {
        this.bomAt = 3;
        break;
      }
      this.bomAt += 1;
      i++;
    }
    while (i < n) {
      const byte = chunk[i] as number;
      switch (this.state) {
        case State.String: {
          i = this.readString(chunk, i);
          continue;
        }
        case State.Scalar: {
          if (isScalarByte(byte)) {
            this.scalar += String.fromCharCode(byte);
            i++;
            continue;
          }
          this.finishScalar();
          continue;
        }
        default:
          break;
      }
      if (byte === 0x20 || byte === 0x09 || byte === 0x0d) {
        i++;
        continue;
      }
      if (byte === 0x0a) {
        this.line += 1;
        this.lineStart = this.chunkStart + i + 1;
        i++;
        continue;
      }
      this.readToken(byte, i);
      i++;
    }
    this.chunkStart += n;
  }

  /** Ends the document: throws when it is incomplete. */
  end(): void {
    if (this.state === State.Scalar && this.stack.length === 0) this.finishScalar();
    if (this.state !== State.Done) throw new JsonStreamError(this.line, 0, true, null);
  }

  private fail(at: number, byte: number): never {
    const column = this.chunkStart + at - this.lineStart + 1;
    throw new JsonStreamError(this.line, column, false, byte < 0x80 ? String.fromCharCode(byte) : '\ufffd');
  }

  private readToken(byte: number, at: number): void {
    const state = this.state;
    const top = this.stack[this.stack.length - 1];
    if (state === State.Done) this.fail(at, byte);
    if (state === State.Colon) {
      if (byte !== 0x3a) this.fail(at, byte);
      this.state = State.Value;
      return;
    }
    if (state === State.AfterValue) {
      if (byte === 0x2c && top !== undefined) {
        this.state = top.kind === 'object' ? State.Key : State.Value;
        return;
      }
      if ((byte === 0x7d && top?.kind === 'object') || (byte === 0x5d && top?.kind === 'array')) {
        this.closeContainer();
        return;
      }
      this.fail(at, byte);
    }
    if (state === State.KeyOrClose || state === State.Key) {
      if (byte === 0x7d && state === State.KeyOrClose) {
        this.closeContainer();
        return;
      }
      if (byte !== 0x22) this.fail(at, byte);
      this.startString(true);
      return;
    }
    // A value (State.Value or State.ValueOrClose).
    if (byte === 0x5d && state === State.ValueOrClose) {
      this.closeContainer();
      return;
    }
    if (byte === 0x22) {
      this.startString(false);
      return;
    }
    if (byte === 0x7b || byte === 0x5b) {
      this.openContainer(byte === 0x7b ? 'object' : 'array');
      return;
    }
    if (byte === 0x2d || (byte >= 0x30 && byte <= 0x39) || byte === 0x74 || byte === 0x66 || byte === 0x6e) {
      this.scalar = String.fromCharCode(byte);
      this.scalarLine = this.line;
      this.scalarColumn = this.chunkStart + at - this.lineStart + 1;
      this.state = State.Scalar;
      return;
    }
    this.fail(at, byte);
  }

  /** The path of the value about to be read, and whether it is inside an element (or is one). */
  private placeOfNextValue(): { path: string[]; inElement: boolean; isElement: boolean } {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return { path: [], inElement: false, isElement: false };
    if (top.target) return { path: [], inElement: true, isElement: true };
    const path = top.kind === 'object' ? [...top.path, top.key ?? ''] : top.path;
    return { path, inElement: top.inElement, isElement: false };
  }

  private openContainer(kind: 'object' | 'array'): void {
    const place = this.placeOfNextValue();
    const target = !place.inElement && kind === 'array' && samePath(place.path, this.options.arrayPath) && this.stack.length === place.path.length;
    if (target) this.foundTarget = true;
    this.stack.push({
      kind,
      value: place.inElement ? (kind === 'object' ? {} : []) : null,
      key: null,
      path: place.path,
      target,
      inElement: place.inElement,
    });
    this.state = kind === 'object' ? State.KeyOrClose : State.ValueOrClose;
  }

  private closeContainer(): void {
    const done = this.stack.pop();
    this.completeValue(done?.value ?? null, done?.inElement ?? false);
  }

  /** Attaches a completed value to its parent (inside an element), or hands over a completed element. */
  private completeValue(value: unknown, inElement: boolean): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) {
      this.state = State.Done;
      return;
    }
    this.state = State.AfterValue;
    if (parent.target) {
      this.elements.push(value);
      this.elementCount += 1;
      return;
    }
    if (!inElement || parent.value === null) return;
    if (Array.isArray(parent.value)) parent.value.push(value);
    else if (parent.key !== null) parent.value[parent.key] = value;
  }

  private startString(isKey: boolean): void {
    const top = this.stack[this.stack.length - 1];
    let keep = isKey;
    if (!isKey) {
      const place = this.placeOfNextValue();
      keep = place.inElement && !this.dropped.some((path) => samePath(place.path, path));
    }
    // Keys are kept to follow the path, but only inside elements and on the way to the array (others are checked only).
    if (isKey && top !== undefined && !top.inElement && top.path.length >= this.options.arrayPath.length) keep = false;
    this.state = State.String;
    this.stringIsKey = isKey;
    this.stringKeep = keep;
    this.stringParts = [];
    this.stringBytes = 0;
    this.stringEscaped = false;
    this.stringHasEscape = false;
  }

  /** Reads string bytes from `from`; returns where reading stopped (after the closing quote, or the chunk's end). */
  private readString(chunk: Uint8Array, from: number): number {
    let i = from;
    const n = chunk.length;
    let escaped = this.stringEscaped;
    for (; i < n; i++) {
      const byte = chunk[i] as number;
      if (escaped) {
        escaped = false;
        continue;
      }
      if (byte === 0x5c) {
        escaped = true;
        this.stringHasEscape = true;
      } else if (byte === 0x22) {
        break;
      } else if (byte < 0x20) {
        this.fail(i, byte);
      }
    }
    this.stringEscaped = escaped;
    if (this.stringKeep) {
      this.stringBytes += i - from;
      if (this.stringBytes > this.maxStringBytes) {
        this.stringKeep = false;
        this.stringParts = [];
        if (!this.stringIsKey) this.oversized.push({ element: this.elementCount + 1, path: this.placeOfNextValue().path.join('.') });
      } else if (i > from) {
        this.stringParts.push(chunk.slice(from, i));
      }
    }
    if (i >= n) return n;
    this.finishString(i);
    return i + 1;
  }

  private finishString(at: number): void {
    let text: string | null = null;
    if (this.stringKeep) {
      const raw = Buffer.concat(this.stringParts).toString('utf8');
      if (this.stringHasEscape) {
        try {
          text = JSON.parse(`"${raw}"`) as string;
        } catch {
          // A bad escape: point at the string's closing quote, the first place its error is certain.
          this.fail(at, 0x22);
        }
      } else {
        text = raw;
      }
    }
    this.stringParts = [];
    const top = this.stack[this.stack.length - 1];
    if (this.stringIsKey) {
      if (top !== undefined) top.key = text ?? '';
      this.state = State.Colon;
      return;
    }
    this.completeValue(text, top?.inElement === true || top?.target === true);
  }

  private finishScalar(): void {
    const text = this.scalar;
    let value: unknown;
    if (text === 'true') value = true;
    else if (text === 'false') value = false;
    else if (text === 'null') value = null;
    else if (NUMBER.test(text)) value = Number(text);
    else throw new JsonStreamError(this.scalarLine, this.scalarColumn, false, text.slice(0, 1));
    const top = this.stack[this.stack.length - 1];
    this.completeValue(value, top?.inElement === true || top?.target === true);
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/** Bytes that can continue a number or a literal (true, false, null). */
function isScalarByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || byte === 0x2e || byte === 0x2b || byte === 0x2d || (byte >= 0x61 && byte <= 0x7a) || byte === 0x45;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}
