// PDF through headless Chromium (Node only; imported lazily so the rest of the package stays isomorphic).

/** Chromium flags for printing: no sandbox (root in CI), no network, no first-run, no header/footer. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-pdf-header-footer',
] as const;

/** Prints HTML to PDF with Chromium; normalises the PDF dates to `asOf` (same length, offsets unchanged). */
export async function htmlToPdf(html: string, chromiumPath: string, asOf: string): Promise<Uint8Array> {
  const [{ mkdtemp, writeFile, readFile, rm }, { tmpdir }, { join }, { execFile }] = await Promise.all([
    import('node:fs/promises'),
    import('node:os'),
    import('node:path'),
    import('node:child_process'),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'vigil-'));
  try {
    const input = join(dir, 'report.html');
    const output = join(dir, 'report.pdf');
    await writeFile(input, html, 'utf8');
    await new Promise<void>((resolve, reject) => {
      execFile(
        chromiumPath,
        [
          ...CHROMIUM_FLAGS,
          `--user-data-dir=${join(dir, 'profile')}`,
          `--print-to-pdf=${output}`,
          `file://${input}`,
        ],
        { timeout: 60_000 },
        (error) => (error ? reject(error) : resolve()),
      );
    });
    const bytes = new Uint8Array(await readFile(output));
    const stamp = asOf.replace(/\D/g, '').slice(0, 14).padEnd(14, '0');
    const latin1 = new TextDecoder('latin1').decode(bytes);
    const fixed = latin1.replace(
      /(\/(?:CreationDate|ModDate)\s*\(D:)(\d{14})/g,
      (_, head: string) => `${head}${stamp}`,
    );
    const out = new Uint8Array(fixed.length);
    for (let i = 0; i < fixed.length; i++) out[i] = fixed.charCodeAt(i) & 0xff;
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads the Info dictionary strings of a PDF (literal strings only), for metadata checks. */
export function pdfInfo(bytes: Uint8Array): Record<string, string> {
  const text = new TextDecoder('latin1').decode(bytes);
  const info: Record<string, string> = {};
  for (const m of text.matchAll(
    /\/(Title|Author|Subject|Keywords|Creator|Producer|CreationDate|ModDate)\s*\(((?:\\.|[^\\)])*)\)/g,
  )) {
    info[m[1] as string] = (m[2] as string).replace(/\\(.)/g, '$1');
  }
  for (const m of text.matchAll(/\/(Title|Author|Subject|Keywords|Creator|Producer)\s*<([0-9A-Fa-f]+)>/g)) {
    const hex = m[2] as string;
    const bytesHex = new Uint8Array(hex.length / 2);
    for (let i = 0; i < bytesHex.length; i++) bytesHex[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    info[m[1] as string] =
      bytesHex[0] === 0xfe && bytesHex[1] === 0xff
        ? new TextDecoder('utf-16be').decode(bytesHex.slice(2))
        : new TextDecoder('latin1').decode(bytesHex);
  }
  return info;
}
