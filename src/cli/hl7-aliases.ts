/**
 * The HL7 validator's single-dash flags, as `imgref validate` spells them, so that a pipeline
 * written for validator_cli.jar runs unchanged (`-ig x -profile y -output z -version 5.0`).
 */
const ALIASES: Record<string, string> = { '-ig': '--ig', '-profile': '--profile', '-output': '--output', '-version': '--fhir-version' };

/** Rewrites the aliases of `imgref validate` (argv as process.argv: node, script, command…). */
export function expandHl7Aliases(argv: string[]): string[] {
  if (argv[2] !== 'validate') return argv;
  const out = argv.slice(0, 3);
  for (let i = 3; i < argv.length; i++) {
    if (argv[i] === '--') return [...out, ...argv.slice(i)];
    out.push(ALIASES[argv[i]] ?? argv[i]);
  }
  return out;
}
