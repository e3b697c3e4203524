/** FNV-1a over strings: a cheap fingerprint that tells a cache which training text made it. */
export function fingerprint(texts: readonly string[]): string {
  let h = 0x811c9dc5;
  let chars = 0;
  for (const text of texts) {
    chars += text.length;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff; // document boundary, so ['ab'] and ['a','b'] differ
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(16).padStart(8, '0')}:${texts.length}:${chars}`;
}
