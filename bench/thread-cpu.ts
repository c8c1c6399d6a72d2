import { readdir, readFile } from 'node:fs/promises';

/** A process's CPU time so far by kind of thread, in ms. */
export interface ThreadCpu {
  /** The main thread (its id is the process's). */
  request: number;
  /** The other threads at the process's priority. */
  other: number;
  /** Threads that lowered their priority (nice above the main thread's). */
  lowPriority: number;
}

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time (user and system) of each thread of `pid` from /proc/<pid>/task/<tid>/stat,
 * summed by kind; all zero where there is no /proc. A thread that ended is not counted.
 */
export async function threadCpu(pid: number): Promise<ThreadCpu> {
  const cpu: ThreadCpu = { request: 0, other: 0, lowPriority: 0 };
  let tids: string[];
  try {
    tids = await readdir(`/proc/${pid}/task`);
  } catch {
    return cpu;
  }
  const threads: { tid: number; ms: number; nice: number }[] = [];
  for (const tid of tids) {
    const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => undefined);
    if (stat === undefined) continue;
    // The fields after the command name's closing parenthesis: state is field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
    threads.push({
      tid: Number(tid),
      ms: (ticks * 1000) / TICKS_PER_SECOND,
      nice: Number(fields[16]),
    });
  }
  const mainNice = threads.find((thread) => thread.tid === pid)?.nice ?? 0;
  for (const thread of threads)
    if (thread.tid === pid) cpu.request += thread.ms;
    else if (thread.nice > mainNice) cpu.lowPriority += thread.ms;
    else cpu.other += thread.ms;
  return cpu;
}
