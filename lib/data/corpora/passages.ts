/**
 * Cuts a document into passages of whole sentences of at least `minWords`
 * words (the last, shorter remainder joins the previous passage). The SOTU
 * texts carry no paragraph breaks, so passages stand in for paragraphs.
 */
export function splitPassages(text: string, minWords: number): string[] {
  const sentences = text.split(/(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[A-Z0-9])/);
  const passages: string[] = [];
  let current: string[] = [];
  let words = 0;
  for (const sentence of sentences) {
    const trimmed = sentence.trim();
    if (trimmed === '') continue;
    current.push(trimmed);
    words += trimmed.split(/\s+/).length;
    if (words >= minWords) {
      passages.push(current.join(' '));
      current = [];
      words = 0;
    }
  }
  if (current.length > 0) {
    if (passages.length > 0) passages[passages.length - 1] += ' ' + current.join(' ');
    else passages.push(current.join(' '));
  }
  return passages;
}
