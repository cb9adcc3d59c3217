/** File upload (POST /open-apis/im/v1/files), so the bot can send exported reports as file messages. */
import type { FastifyInstance } from 'fastify';
import type { EmulatorState } from './emulator-state.js';
import { newFileKey } from './ids.js';
import { LarkCode, badRequest } from './lark-error.js';
import { boundaryOf, parseMultipart } from './multipart.js';

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
}
