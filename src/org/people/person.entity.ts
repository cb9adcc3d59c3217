/** Someone the bot knows by their Lark open_id. Evaluators may be outside the organisation. */
export interface Person {
  openId: string;
  name: string;
  /** 职务, e.g. 办公室主任; the pledge themes are tied to it. */
  duties?: string;
  /** 单位, for people outside the organisation (evaluators: 退休干部, 参与单位, 政协委员). */
  unit?: string;
  /** False once removed from the organisation file; never deleted, so history keeps its names. */
  active: boolean;
  managedBy: ManagedBy;
}

/**
 * Where a record came from. The organisation file owns what it lists (`file`): an import deactivates what it
 * no longer lists. Records made in chat (`chat`: bindings, synced members) are left alone by the import.
 */
export type ManagedBy = 'file' | 'chat';
