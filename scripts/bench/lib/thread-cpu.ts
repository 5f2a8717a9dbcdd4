// CPU seconds spent by each thread of one Chromium profile's processes, sampled from /proc (Linux):
// where an import's time goes on a machine with few cores (parser, importing worker, IndexedDB's
// backend, garbage collection helpers, the page).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { ProcSampler, profileProcesses } from './chromium';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface Snapshot {
  at: number;
  /** Cumulative ticks per "kind:thread name", threads that ended keeping their last reading. */
  ticks: Map<string, number>;
}

function threadTicks(pid: number): { tid: number; name: string; ticks: number }[] {
  const out: { tid: number; name: string; ticks: number }[] = [];
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // Fields 14 and 15 of stat (utime, stime) are 12 and 13 after the name.
      out.push({ tid: Number(tid), name, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The thread ended while we looked.
    }
  }
  return out;
}

/** Threads of a pool share a name ("ThreadPoolForeg"): grouped by it. Dedicated workers are numbered. */
export class ThreadCpuSampler extends ProcSampler {
  private readonly last = new Map<string, { key: string; ticks: number }>();
  private readonly snapshots: Snapshot[] = [];
  private workers = 0;

  constructor(private readonly profile: string) {
    super();
  }

  protected sample(): void {
    if (!existsSync('/proc/self/task')) return;
    for (const { pid, kind } of profileProcesses(this.profile)) {
      for (const t of threadTicks(pid)) {
        const id = `${pid}/${t.tid}`;
        let key = this.last.get(id)?.key;
        if (!key) {
          // Workers get a number each, in the order they started (the importing worker before its parser).
          const worker = /Worker$/.test(t.name) && !t.name.startsWith('V8');
          key = `${kind}: ${t.name}${worker ? ` #${++this.workers}` : ''}`;
        }
        this.last.set(id, { key, ticks: t.ticks });
      }
    }
    const ticks = new Map<string, number>();
    for (const { key, ticks: n } of this.last.values()) ticks.set(key, (ticks.get(key) ?? 0) + n);
    this.snapshots.push({ at: Date.now(), ticks });
  }

  /** The last snapshot taken at or before `at` (Date.now() time), else the first. */
  private near(at: number): Snapshot | undefined {
    let found = this.snapshots[0];
    for (const s of this.snapshots) if (s.at <= at) found = s;
    return found;
  }

  /** CPU seconds per thread group between two moments, largest first, groups under `minSeconds` left out. */
  between(from: number, to: number, minSeconds = 0.1): { thread: string; seconds: number }[] {
    const a = this.near(from);
    const b = this.near(to);
    if (!a || !b) return [];
    const out: { thread: string; seconds: number }[] = [];
    for (const [key, n] of b.ticks) {
      const seconds = (n - (a.ticks.get(key) ?? 0)) / TICKS_PER_SECOND;
      if (seconds >= minSeconds) out.push({ thread: key, seconds });
    }
    return out.sort((x, y) => y.seconds - x.seconds);
  }
}
