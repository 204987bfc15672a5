/**
 * A bench's command line, read with node:util parseArgs: each option is a whole number with a
 * default, and positionals name an internal child role (a bench forks itself as `serve` or
 * `run`). `-h`/`--help` prints the usage and exits 0; a bad option prints it and exits 2.
 */
import { parseArgs } from 'node:util';

export function benchArgs<K extends string>(
  usage: string,
  defaults: Record<K, number>
): { values: Record<K, number>; positionals: string[] } {
  const names = Object.keys(defaults) as K[];
  const fail = (message: string): never => {
    process.stderr.write(`${message}\n${usage}\n`);
    process.exit(2);
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: {
        ...Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
        help: { type: 'boolean', short: 'h' }
      },
      allowPositionals: true
    });
  } catch (e) {
    return fail((e as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const values = {} as Record<K, number>;
  for (const name of names) {
    const raw = (parsed.values as Record<string, string | boolean | undefined>)[name];
    if (raw === undefined) values[name] = defaults[name];
    else if (typeof raw === 'string' && /^\d+$/.test(raw.replace(/_/g, ''))) {
      values[name] = Number(raw.replace(/_/g, ''));
    } else fail(`--${name} must be a whole number, not '${String(raw)}'`);
  }
  return { values, positionals: parsed.positionals };
}
