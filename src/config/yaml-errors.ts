// Where a YAML syntax error really is. The parser notices an unclosed `[` or `{` only where the
// next key begins, a line later; people need the line of the bracket they forgot to close.

/** Offset of the last `[` or `{` before `end` that is not closed, outside quotes and comments. */
export function unclosedBracketBefore(text: string, end: number): number | undefined {
  const open: number[] = [];
  let quote: string | null = null;
  for (let i = 0; i < Math.min(end, text.length); i += 1) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === "\\" && quote === '"') i += 1;
      else if (ch === quote || ch === "\n") quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "#" && (i === 0 || /\s/.test(text[i - 1] ?? ""))) {
      const newline = text.indexOf("\n", i);
      i = newline === -1 ? text.length : newline;
    } else if (ch === "[" || ch === "{") open.push(i);
    else if ((ch === "]" || ch === "}") && open.length > 0) open.pop();
  }
  return open.at(-1);
}

/** The offset to report a parser error at: the unclosed bracket for flow-collection errors. */
export function yamlErrorOffset(text: string, error: { message: string; pos: [number, number] }) {
  if (!/^Flow (sequence|mapping)/.test(error.message)) return error.pos[0];
  return unclosedBracketBefore(text, error.pos[0]) ?? error.pos[0];
}
