/**
 * The one error type of lib/data: it names the file (or argument) and, where
 * there is one, the 1-based line, so a user can open the spot and fix it.
 */
export class DataInputError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(message: string, where: { file?: string; line?: number } = {}) {
    const at = where.file === undefined ? '' : where.line === undefined ? `${where.file}: ` : `${where.file}:${where.line}: `;
    super(at + message);
    this.name = 'DataInputError';
    this.file = where.file;
    this.line = where.line;
  }
}
