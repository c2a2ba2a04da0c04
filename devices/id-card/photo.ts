/**
 * The card photo is a 1024-byte proprietary "WLT" blob (research §5): turning it into an image
 * needs a licensed vendor library, so decoding is a pluggable seam. The blob itself is wrapped so
 * that logging or serialising a card reading never prints it.
 * Runtime: pure.
 */

/** Opaque personal bytes (photo, fingerprint): `JSON.stringify` and `String()` show only the size. */
export class OpaqueBytes {
  readonly #bytes: Uint8Array;

  constructor(
    readonly kind: 'photo' | 'fingerprint',
    bytes: Uint8Array,
  ) {
    this.#bytes = Uint8Array.from(bytes);
  }

  get length(): number {
    return this.#bytes.length;
  }

  /** The raw bytes, for a photo decoder or the one flow that needs them. */
  bytes(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }

  toJSON(): string {
    return this.toString();
  }

  toString(): string {
    return `<${this.kind} ${this.#bytes.length} B>`;
  }
}

export interface DecodedPhoto {
  readonly mimeType: 'image/bmp' | 'image/png' | 'image/jpeg';
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** WLT → image. Implementations wrap a vendor library (WltRS.dll GetBmp, libDecodeWlt.so…). */
export interface PhotoDecoder {
  readonly name: string;
  /** Undefined when this decoder cannot decode the blob (no licence, no library, foreign format). */
  decode(wlt: Uint8Array): Promise<DecodedPhoto | undefined>;
}

/** The default: no vendor library is shipped, so the UI shows a placeholder. */
export const noPhotoDecoder: PhotoDecoder = {
  name: 'none',
  decode: async () => undefined,
};
