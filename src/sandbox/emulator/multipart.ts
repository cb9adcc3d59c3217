/**
 * Minimal multipart/form-data parser: enough for the SDK's file upload (axios + form-data). The emulator
 * takes the whole body as a Buffer, so no streaming is needed; bodies are bounded by Fastify's bodyLimit.
 */

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2])?.trim() : undefined;
}

/** Splits the body on the boundary; throws on a structurally broken body. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart boundary not found');
  for (;;) {
    pos += delimiter.length;
    // "--" right after a delimiter marks the end of the body.
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    pos = skipCrlf(body, pos);
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new Error('multipart part without header terminator');
    const headers = parseHeaders(body.subarray(pos, headerEnd).toString('utf8'));
    const dataStart = headerEnd + 4;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), dataStart);
    if (next < 0) throw new Error('multipart part not terminated');
    const disposition = headers.get('content-disposition') ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) throw new Error('multipart part without a name');
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const contentType = headers.get('content-type');
    parts.push({
      name,
      data: body.subarray(dataStart, next),
      ...(filename !== undefined && { filename }),
      ...(contentType !== undefined && { contentType }),
    });
    pos = next + 2;
  }
}

function skipCrlf(body: Buffer, pos: number): number {
  return body[pos] === 0x0d && body[pos + 1] === 0x0a ? pos + 2 : pos;
}

function parseHeaders(block: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) map.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return map;
}
