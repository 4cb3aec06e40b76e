// One message passes several readers in a row (commands, choices, answers, matchers), each normalizing
// or folding the same text: a pure function of a text keeps its results for the last few texts.

/** `compute` with its results for the last `size` distinct texts remembered (oldest forgotten first). */
export function rememberRecent<T>(compute: (text: string) => T, size = 8): (text: string) => T {
  const recent = new Map<string, T>();
  return (text) => {
    if (recent.has(text)) return recent.get(text) as T;
    const result = compute(text);
    if (recent.size >= size) recent.delete(recent.keys().next().value as string);
    recent.set(text, result);
    return result;
  };
}
