// Command-line entry: `npm run cli -- <command> [args]` (or `npx tsx scripts/cli.ts <command> [args]`).
// Each command is a module in scripts/cli/ exporting `run(argv): Promise<number>` (the exit code);
// modules load on demand so one command's dependencies never slow down or break another.

type Command = { run(argv: string[]): Promise<number> };

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  detect: {
    summary: 'detect [TEXT] [--file FILE]  concerns in buyer messages (JSON lines)',
    load: () => import('./cli/detect'),
  },
  analyze: {
    summary: 'analyze FILE...  level, RFM, segment and stage of every buyer (JSON lines)',
    load: () => import('./cli/analyze'),
  },
  suggest: {
    summary:
      'suggest --buyer KEY --message TEXT [--export FILE...] [--lang en]  the ranked replies and coupons for a buyer, with why',
    load: () => import('./cli/suggest'),
  },
};

function usage(): string {
  return ['usage: npm run cli -- <command> [args]', '', ...Object.values(COMMANDS).map((c) => `  ${c.summary}`)].join(
    '\n',
  );
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`unknown command: ${name}\n${usage()}\n`);
    return 2;
  }
  return (await command.load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
