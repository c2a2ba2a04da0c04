/**
 * Search keys for a catalogue item, stored in a multi-entry index so a lookup is an index hit, not
 * a table scan. Chinese has no spaces: every Han character and every adjacent pair is a key
 * (查询 "户口" hits "户口迁移"); Latin letters and digits count as whole lower-case words.
 * Runtime: pure.
 */
const HAN_RUN = /\p{Script=Han}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

export function searchTerms(...texts: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const raw of texts) {
    const text = raw.normalize('NFKC').toLowerCase();
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
