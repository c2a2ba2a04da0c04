/**
 * Search keys of catalogue text. Chinese has no spaces: every Han character and every adjacent pair
 * is a key (查询 "户口" hits "户口迁移"); Latin letters and digits count as whole lower-case words.
 * Queries turn into keys with searchTerms; a catalogue entry is tested with hasSearchKey over its
 * searchText, which answers exactly "is this key among searchTerms(name, department)" without
 * building the term list per entry (schema v4 stopped storing and indexing the terms of every row).
 * Runtime: pure.
 */
const HAN_RUN = /\p{Script=Han}+/gu;
const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function normalized(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export function searchTerms(...texts: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const raw of texts) {
    const text = normalized(raw);
    for (const run of text.match(HAN_RUN) ?? []) {
      const chars = [...run];
      chars.forEach((char, i) => {
        terms.add(char);
        const next = chars[i + 1];
        if (next !== undefined) terms.add(char + next);
      });
    }
    for (const word of text.replace(HAN_RUN, ' ').match(WORD) ?? []) terms.add(word);
  }
  return [...terms];
}

/** The texts of one entry, normalised once, kept apart by a line break (no key spans two texts). */
export function searchText(...texts: readonly string[]): string {
  return texts.map(normalized).join('\n');
}

/** A letter or digit that is not Han: Han runs separate Latin words like spaces do. */
function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char) && !HAN.test(char);
}

/**
 * Whether `key` (one produced by searchTerms) is among the terms of the texts behind `text`.
 * A Han key (one character or an adjacent pair) is a term exactly when it occurs: adjacent Han
 * characters always sit in the same run. A Latin/digit word must occur as a whole word.
 */
export function hasSearchKey(text: string, key: string): boolean {
  if (HAN.test(key)) return text.includes(key);
  for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + 1)) {
    const beforeChar = [...text.slice(Math.max(0, at - 2), at)].pop();
    const afterChar = [...text.slice(at + key.length, at + key.length + 2)][0];
    if (!isWordChar(beforeChar) && !isWordChar(afterChar)) return true;
  }
  return false;
}
