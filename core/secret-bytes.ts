// A shared secret read from a file: a trailing newline from `echo` or an editor is not part of it.
export function withoutTrailingNewline(bytes: Buffer): Buffer {
  return bytes.subarray(0, bytes.length - (bytes.toString('latin1').match(/\r?\n$/)?.[0].length ?? 0));
}
