// CLI for the language detector: `eval FILE [--json] [--confusions]` scores it on a TSV, `train` rebuilds the model.
import { readFileSync } from 'node:fs';
import { evaluate, parseTsv, type GroupScore } from '../src/language/detect/evaluate.js';

function table(name: string, g: GroupScore): string {
  const rows = Object.entries(g.perLang).map(
    ([l, a]) => `  ${l.padEnd(6)} ${(a * 100).toFixed(2).padStart(7)}%`,
  );
  return [`${name}  (macro ${(g.macro * 100).toFixed(2)}%)`, ...rows].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === 'train') {
    const { trainAll } = await import('../src/language/detect/training/train.js');
    trainAll();
    return 0;
  }
  if (cmd === 'eval') {
    const file = rest.find((a) => !a.startsWith('--'));
    if (file === undefined) {
      console.error('usage: langid eval FILE [--json] [--confusions]');
      return 2;
    }
    const rows = parseTsv(readFileSync(file, 'utf8'));
    const confusions = rest.includes('--confusions') ? new Map<string, number>() : undefined;
    const result = evaluate(rows, confusions);
    if (rest.includes('--json')) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return 0;
    }
    console.log(table('native', result.native));
    console.log(table('romanized', result.romanized));
    if (result.rejection.rows > 0) {
      console.log(
        `rejection: ${(result.rejection.other * 100).toFixed(2)}% of ${result.rejection.rows} "other" rows answered unknown (not in the macros)`,
      );
    }
    if (confusions !== undefined) {
      console.log('\nconfusions (script, expected, got, count):');
      for (const [k, n] of [...confusions.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40))
        console.log(`  ${k}\t${n}`);
    }
    return 0;
  }
  console.error('usage: langid eval FILE [--json] [--confusions] | langid train');
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
