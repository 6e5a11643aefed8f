globalThis.itbShare ??= (() => {
  const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const ROUNDS = 600000;
  const AAD = new TextEncoder().encode('itb-share-1');
  const b64u = (bytes) => {
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  const unb64u = (text) => {
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  };
  const through = async (bytes, stream) =>
    new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
  const random = (n) => crypto.getRandomValues(new Uint8Array(n));
  const derive = async (code, salt) => {
    const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(code), 'PBKDF2', false, ['deriveBits']);
    const bits = new Uint8Array(await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ROUNDS }, base, 288));
    const key = await crypto.subtle.importKey('raw', bits.slice(0, 32), 'AES-GCM', false, ['encrypt', 'decrypt']);
    return { key, check: bits.slice(32, 36) };
  };
  const supported = () =>
    !!(globalThis.crypto && crypto.subtle && globalThis.CompressionStream && globalThis.DecompressionStream);

  /** The link fragment (after "#share=") for `json`, and the code that opens it (withCode). */
  async function seal(json, withCode) {
    // The app writes the card indented (its one JSON writer); the link carries it without the
    // indentation: a shorter link, a less dense QR code.
    const packed = await through(new TextEncoder().encode(JSON.stringify(JSON.parse(json))), new CompressionStream('deflate-raw'));
    if (!withCode) return { fragment: '1.o.' + b64u(packed) };
    const code = Array.from(random(10), (b) => ALPHABET[b & 31]).join('');
    const salt = random(16);
    const iv = random(12);
    const { key, check } = await derive(code, salt);
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: AAD }, key, packed));
    const all = new Uint8Array(32 + sealed.length);
    all.set(salt, 0);
    all.set(check, 16);
    all.set(iv, 20);
    all.set(sealed, 32);
    return { fragment: '1.c.' + b64u(all), code };
  }

  /** The card's JSON from a link's data (checked by the app first), or why not:
   *  'code' (the code does not open it) or 'damaged'. */
  async function open(coded, data, code) {
    let bytes;
    try { bytes = unb64u(data); } catch { return { error: 'damaged' }; }
    let packed = bytes;
    if (coded) {
      if (bytes.length < 48) return { error: 'damaged' };
      const { key, check } = await derive(code, bytes.slice(0, 16));
      if (!check.every((b, i) => b === bytes[16 + i])) return { error: 'code' };
      try {
        packed = new Uint8Array(await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes.slice(20, 32), additionalData: AAD }, key, bytes.slice(32)));
      } catch { return { error: 'damaged' }; }
    }
    try {
      const plain = await through(packed, new DecompressionStream('deflate-raw'));
      return { json: new TextDecoder('utf-8', { fatal: true }).decode(plain) };
    } catch { return { error: 'damaged' }; }
  }

  return { seal, open, supported, newKey: () => b64u(random(12)) };
})();
