/** Talking to a bench's child process (a server or a measured run) over its IPC channel. */
import type { ChildProcess } from 'node:child_process';

/** Sends `message` (if any) and resolves with the first answer that carries `key`. */
export function ask<T>(child: ChildProcess, key: string, message?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const on = (m: Record<string, T>) => {
      if (m && typeof m === 'object' && key in m) {
        child.off('message', on);
        child.off('exit', exit);
        resolve(m[key]);
      }
    };
    const exit = (code: number | null) =>
      reject(new Error(`child exited (${code}) before '${key}'`));
    child.on('message', on);
    child.once('exit', exit);
    if (message !== undefined) child.send(message as never);
  });
}

export const MB = (bytes: number) => `${Math.round(bytes / 1048576).toLocaleString('en')} MB`;

/** This process's CPU time so far, user and system, in seconds. */
export function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
