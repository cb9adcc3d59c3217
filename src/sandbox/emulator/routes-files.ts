/**
 * Files: upload (POST /open-apis/im/v1/files), so the bot can send exported reports as file messages, and
 * the two downloads Lark offers: a file the app uploaded itself (GET /open-apis/im/v1/files/:file_key) and
 * a file in a message (GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=file).
 * https://open.feishu.cn/document/server-docs/im-v1/file/get ·
 * https://open.feishu.cn/document/server-docs/im-v1/message/get-2
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { EmulatorState } from './emulator-state.js';
import { newFileKey } from './ids.js';
import { LarkCode, badRequest, parseOrThrow } from './lark-error.js';
import { boundaryOf, parseMultipart } from './multipart.js';
import type { RecordedFile } from './types.js';

const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);
const MAX_FILE_BYTES = 30 * 1024 * 1024;

export function registerFileRoutes(app: FastifyInstance, state: EmulatorState): void {
  app.post('/open-apis/im/v1/files', async (req) => {
    const boundary = boundaryOf(req.headers['content-type']);
    if (!boundary || !Buffer.isBuffer(req.body)) {
      throw badRequest(LarkCode.fieldValidation, 'file upload must be multipart/form-data');
    }
    let parts;
    try {
      parts = parseMultipart(req.body, boundary);
    } catch (e) {
      throw badRequest(LarkCode.fieldValidation, `malformed multipart body: ${(e as Error).message}`);
    }
    const field = (name: string) => parts.find((p) => p.name === name);
    const fileType = field('file_type')?.data.toString('utf8');
    const fileName = field('file_name')?.data.toString('utf8');
    const file = field('file');
    if (!fileType || !FILE_TYPES.has(fileType)) {
      throw badRequest(LarkCode.fieldValidation, `file_type must be one of ${[...FILE_TYPES].join(', ')}`);
    }
    if (!fileName) throw badRequest(LarkCode.fieldValidation, 'file_name is required');
    if (!file || file.data.length === 0)
      throw badRequest(LarkCode.fieldValidation, 'file is empty or missing');
    if (file.data.length > MAX_FILE_BYTES)
      throw badRequest(LarkCode.fieldValidation, 'file is larger than 30 MB');
    const file_key = newFileKey();
    state.files.push({
      file_key,
      file_name: fileName,
      file_type: fileType,
      size: file.data.length,
      // Copy: the part is a view into the request buffer.
      data: Buffer.from(file.data),
      at: state.now(),
    });
    return { code: 0, msg: 'success', data: { file_key } };
  });

  app.get('/open-apis/im/v1/files/:file_key', async (req, reply) => {
    const { file_key } = parseOrThrow(z.object({ file_key: z.string() }), req.params, 'path');
    return sendFile(reply, uploaded(state, file_key));
  });

  app.get('/open-apis/im/v1/messages/:message_id/resources/:file_key', async (req, reply) => {
    const path = z.object({ message_id: z.string(), file_key: z.string() });
    const { message_id, file_key } = parseOrThrow(path, req.params, 'path');
    parseOrThrow(z.object({ type: z.enum(['image', 'file']) }), req.query, 'query');
    const m = state.message(message_id);
    if (!m) throw badRequest(LarkCode.imInvalidParam, `message ${message_id} does not exist`);
    // The key must belong to the message: Lark does not serve any file by any message id.
    if ((m.content as { file_key?: unknown } | null)?.file_key !== file_key) {
      throw badRequest(LarkCode.imInvalidParam, `file_key ${file_key} is not in message ${message_id}`);
    }
    return sendFile(reply, uploaded(state, file_key));
  });
}

function uploaded(state: EmulatorState, fileKey: string): RecordedFile {
  const f = state.files.find((x) => x.file_key === fileKey);
  if (!f) throw badRequest(LarkCode.imInvalidParam, `file_key ${fileKey} does not exist`);
  return f;
}

/** The bytes, as Lark answers a download: a binary body named in Content-Disposition. */
function sendFile(reply: FastifyReply, f: RecordedFile): FastifyReply {
  return reply
    .header('content-type', 'application/octet-stream')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.file_name)}`)
    .send(f.data);
}
