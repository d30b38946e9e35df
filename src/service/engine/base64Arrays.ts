// Typed arrays travel inside JSON models as base64: compact, exact and fast to decode.

export function float32ToBase64(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function int32ToBase64(values: Int32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function decode(encoded: string, what: string): Buffer {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.byteLength % 4 !== 0) throw new Error(`The model is damaged: ${what} has a partial value.`);
  return bytes;
}

export function base64ToFloat32(encoded: string, what: string): Float32Array {
  const bytes = decode(encoded, what);
  // Copy into a fresh, aligned buffer (Buffer's pool offsets need not be 4-aligned).
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export function base64ToInt32(encoded: string, what: string): Int32Array {
  const bytes = decode(encoded, what);
  const out = new Int32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
