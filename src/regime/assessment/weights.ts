/**
 * 考核权重: how much each part counts, per organisation, and the scores that give each 等次. Stored as one
 * document per organisation (`assessment_weights`); an organisation that set nothing gets the defaults.
 */
import type { Connection } from 'mongoose';
import { z } from 'zod';

/** The parts of the score, as the weights card names them. */
export const WEIGHT_PARTS = [
  { key: 'pledge', label: '承诺践诺' },
  { key: 'rating', label: '月度评定' },
  { key: 'survey', label: '群众评议' },
  { key: 'comments', label: '领导点评' },
  { key: 'records', label: '日常记实' },
  { key: 'honours', label: '评选表彰' },
] as const;

/** The lowest scores of 优秀, 合格 and 基本合格; below the last, 不合格. */
export const THRESHOLD_PARTS = [
  { key: 'excellent', label: '优秀分数线' },
  { key: 'pass', label: '合格分数线' },
  { key: 'basic', label: '基本合格分数线' },
] as const;

const weight = z.coerce.number().int().min(0).max(100);
const line = z.coerce.number().min(0).max(100);

export const weightsSchema = z
  .object({
    pledge: weight,
    rating: weight,
    survey: weight,
    comments: weight,
    records: weight,
    honours: weight,
    excellent: line,
    pass: line,
    basic: line,
  })
  .refine((w) => WEIGHT_PARTS.some((p) => w[p.key] > 0), { message: '至少一项权重要大于 0' })
  .refine((w) => w.excellent >= w.pass && w.pass >= w.basic, {
    message: '分数线应为 优秀 ≥ 合格 ≥ 基本合格',
  });

export type Weights = z.infer<typeof weightsSchema>;

/**
 * The defaults: what a member promised and did (承诺践诺, 月度评定) counts most, then how the people they
 * serve see them (群众评议), the leaders' comments, keeping the monthly record, and honours.
 */
export const DEFAULT_WEIGHTS: Weights = {
  pledge: 30,
  rating: 30,
  survey: 20,
  comments: 10,
  records: 5,
  honours: 5,
  excellent: 85,
  pass: 60,
  basic: 45,
};

interface WeightsDoc extends Weights {
  _id: string;
  updatedAt: Date;
  updatedBy: string;
}

export const ASSESSMENT_WEIGHTS = 'assessment_weights';
const collection = (conn: Connection) => conn.db!.collection<WeightsDoc>(ASSESSMENT_WEIGHTS);

export async function loadWeights(conn: Connection, orgId: string): Promise<Weights> {
  const doc = await collection(conn).findOne({ _id: orgId });
  if (!doc) return DEFAULT_WEIGHTS;
  const { _id: _, updatedAt: _at, updatedBy: _by, ...weights } = doc;
  return { ...DEFAULT_WEIGHTS, ...weights };
}

export async function saveWeights(conn: Connection, orgId: string, w: Weights, by: string, at: Date) {
  await collection(conn).replaceOne({ _id: orgId }, { ...w, updatedAt: at, updatedBy: by }, { upsert: true });
}
