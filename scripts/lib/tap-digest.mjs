/**
 * What CI's log keeps of a node:test TAP stream: every test line, the summary, and the YAML block under each
 * failing test (capped). The log is the only place a CI failure can be read; keeping only `error: |-` with
 * its message cut off said nothing.
 */
export function tapDigest(stdout, maxBlockLines = 40) {
  const kept = [];
  let failureIndent = -1;
  let blockLines = 0;
  for (const line of stdout.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const text = line.trimStart();
    if (/^(not )?ok /.test(text)) {
      kept.push(line);
      failureIndent = text.startsWith('not ok ') ? indent : -1;
      blockLines = 0;
    } else if (failureIndent >= 0 && indent > failureIndent && text !== '' && !text.startsWith('# Subtest')) {
      if (blockLines++ < maxBlockLines) kept.push(line);
    } else if (text.startsWith('#') && (indent === 0 || /^# (pass|fail|skip)/.test(text))) {
      if (text.startsWith('# Subtest')) failureIndent = -1;
      kept.push(line);
    }
  }
  return kept.join('\n') + '\n';
}
