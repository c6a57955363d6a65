export const DATABASE: string;
export function isRoot(): boolean;
export function postgresUser(): { uid: number; gid: number };
export function asServerUser(file: string, args: string[]): [string, string[]];
export function initdbArgs(dataDir: string): string[];
export function serverSettings(dir: string, extra?: Record<string, string | number>): Record<string, string | number>;
export function settingsLines(settings: Record<string, string | number>): string;
export function stopNow(pgCtl: string, dataDir: string): void;

export interface ScriptPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/touchpoint`; trust authentication, no password. */
  url: string;
  port: number;
  /** Runs SQL through psql (default: in the touchpoint database); resolves to its unaligned, tuples-only output. */
  psql(sql: string, database?: string): Promise<string>;
  stop(): Promise<void>;
}
export function startPostgres(options?: { settings?: Record<string, string | number> }): Promise<ScriptPostgres>;
